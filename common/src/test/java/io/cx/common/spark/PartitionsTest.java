package io.cx.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PartitionsTest {
  @Test
  void aSmallDataSetRunsInOneTask() {
    assertEquals(1, Partitions.forRows(0, 2));
    assertEquals(1, Partitions.forRows(500, 2));
    assertEquals(1, Partitions.forRows(10_000, 64));
  }

  @Test
  void aMidSizedDataSetUsesEveryCoreWhileEachPartitionKeepsTenThousandRows() {
    assertEquals(2, Partitions.forRows(10_001, 2));
    assertEquals(2, Partitions.forRows(20_000, 2));
    assertEquals(2, Partitions.forRows(90_000, 2));
    assertEquals(9, Partitions.forRows(90_000, 64));
  }

  @Test
  void aLargeDataSetGetsAPartitionPerHundredThousandRowsWhateverTheCores() {
    assertEquals(10, Partitions.forRows(1_000_000, 2));
    assertEquals(11, Partitions.forRows(1_000_001, 2));
    assertEquals(64, Partitions.forRows(1_000_000, 64));
    assertEquals(100, Partitions.forRows(10_000_000, 1));
  }

  @Test
  void noCoresCountAsOne() {
    assertEquals(1, Partitions.forRows(50_000, 0));
  }
}
