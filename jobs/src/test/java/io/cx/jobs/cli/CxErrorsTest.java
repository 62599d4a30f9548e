package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** What cx prints under "cx: <message>" when a failure wraps what the storage said. */
class CxErrorsTest {
  @Test
  void theInnermostCauseIsNamedOnOneLine() {
    Exception e =
        new UncheckedIOException(
            "Cannot take the run lock s3a://b/cx/_cx/locks/ingest/shop/2024-06-30.lock",
            new IOException(
                "getFileStatus on s3a://b/cx",
                new FileNotFoundException("Bucket b does not exist\nRequest id: 1234")));
    assertEquals("FileNotFoundException: Bucket b does not exist", Cx.rootCause(e));
  }

  @Test
  void aFailureWithoutCauseHasNone() {
    assertNull(Cx.rootCause(new IllegalStateException("no cause")));
  }

  @Test
  void aLongCauseIsCut() {
    String cause = Cx.rootCause(new RuntimeException(new IOException("x".repeat(1000))));
    assertEquals("IOException: " + "x".repeat(400) + "...", cause);
  }
}
