package io.cx.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cx.common.config.JobConfig;
import io.cx.common.config.JobConfigLoader;
import io.cx.common.journey.JourneyMap;
import io.cx.jobs.testing.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The configs and journey maps shipped in conf/ load and pass every check. */
class ShippedConfigTest {
  @Test
  void everyShippedJourneyMapLoads() throws Exception {
    try (Stream<Path> files = Files.list(ProjectRoot.path().resolve("conf/journeys"))) {
      List<Path> maps = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      for (Path f : maps) {
        JourneyMap map = io.cx.common.journey.JourneyMapLoader.load(f);
        assertEquals(f.getFileName().toString().replace(".yaml", ""), map.id());
      }
    }
  }

  @Test
  void localConfigLoads() {
    Path root = ProjectRoot.path();
    JobConfig c =
        JobConfigLoader.load(
            root.resolve("conf/local.yaml"),
            List.of("journeys=[" + root.resolve("conf/journeys/online_retail.yaml") + "]"),
            Map.of());
    assertEquals("online_retail", c.journeys().get(0).id());
    assertEquals(4, c.journeys().get(0).stages().size());
    // No hand-tuned Spark settings: the defaults must be fast (SessionDefaults).
    assertEquals(Map.of("spark.master", "local[*]"), c.spark());
  }

  @Test
  void clusterAndS3ConfigsLoadWithoutLocalSettingsOrCredentials() {
    Path root = ProjectRoot.path();
    List<String> journeys =
        List.of("journeys=[" + root.resolve("conf/journeys/online_retail.yaml") + "]");
    JobConfig cluster = JobConfigLoader.load(root.resolve("conf/cluster.yaml"), journeys, Map.of());
    assertEquals("hdfs:///cx/warehouse", cluster.warehouse());
    // spark-submit chooses the master; a config that set one would be ignored with a warning.
    assertEquals(Map.of(), cluster.spark());
    JobConfig s3 = JobConfigLoader.load(root.resolve("conf/s3.yaml"), journeys, Map.of());
    assertEquals("s3a://my-bucket/cx/warehouse", s3.warehouse());
    assertEquals(
        Map.of("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore"),
        s3.spark());
  }
}
