package io.cx.jobs.testing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server on 127.0.0.1 for tests: S3Proxy's self-contained jar ({@code
 * target/s3proxy/s3proxy.jar}, copied by the build) in a JVM of its own, over jclouds' transient
 * in-memory store, path-style, plain HTTP, AWS v2/v4 signatures with one key pair. A JVM of its own
 * keeps S3Proxy's dependencies (Jetty 11, jclouds, Jackson XML 2.18) off the test class path, where
 * they would clash with Spark's.
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final JavaProcesses processes = new JavaProcesses();
  private final int port = StandaloneCluster.freePort();
  private final String accessKey;
  private final String secretKey;

  /** Starts the server and waits until it accepts connections. */
  public S3ProxyServer(Path dir, Path jar, String accessKey, String secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    Path properties = dir.resolve("s3proxy.properties");
    Path log = dir.resolve("s3proxy.log");
    try {
      Files.createDirectories(dir);
      Files.write(
          properties,
          List.of(
              "s3proxy.endpoint=" + endpoint(),
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + accessKey,
              "s3proxy.credential=" + secretKey,
              "jclouds.provider=transient",
              "jclouds.identity=unused",
              "jclouds.credential=unused"),
          StandardCharsets.UTF_8);
      processes.start(
          List.of(
              JavaProcesses.java(),
              "-Xmx512m",
              "-jar",
              jar.toString(),
              "--properties",
              properties.toString()),
          Map.of(),
          log);
      long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
      while (!accepting()) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "S3Proxy did not start in time:\n" + JavaProcesses.tail(log, 30));
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private boolean accepting() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a bucket (S3A does not create buckets). */
  public void createBucket(String name) {
    AmazonS3 s3 =
        AmazonS3ClientBuilder.standard()
            .withEndpointConfiguration(
                new AwsClientBuilder.EndpointConfiguration(endpoint(), "us-east-1"))
            .withPathStyleAccessEnabled(true)
            .withCredentials(
                new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, secretKey)))
            .build();
    try {
      s3.createBucket(name);
    } finally {
      s3.shutdown();
    }
  }

  @Override
  public void close() {
    processes.close();
  }
}
