package io.cx.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the cluster jar ({@code target/cx-jobs-*-cluster.jar}) carries: cx, Delta, picocli, Mustache
 * and the YAML parser (relocated under {@code io.cx.shaded}), with Delta's data source registered;
 * and what it leaves to the cluster: Spark, Scala, Hadoop, the AWS SDK and Jackson's core. (Delta's
 * own classes include some in Spark's packages, {@code org.apache.spark.sql.delta} and a few in
 * {@code org.apache.spark.sql.catalyst}, so Spark's absence is checked on its SparkContext.)
 */
class ClusterJarIT {
  @Test
  void theClusterJarCarriesCxAndDeltaAndLeavesSparkHadoopAndScalaToTheCluster() throws IOException {
    Map<String, Integer> classesUnder = new TreeMap<>();
    List<String> prefixes =
        List.of(
            "io/cx/jobs/",
            "io/cx/common/",
            "io/delta/",
            "org/apache/spark/sql/delta/",
            "picocli/",
            "com/github/mustachejava/",
            "io/cx/shaded/org/yaml/snakeyaml/",
            "io/cx/shaded/com/fasterxml/jackson/dataformat/yaml/",
            "org/yaml/",
            "com/fasterxml/jackson/",
            "scala/",
            "org/apache/spark/SparkContext",
            "org/apache/hadoop/",
            "com/amazonaws/",
            "org/antlr/");
    String services;
    try (JarFile jar = new JarFile(Path.of(System.getProperty("cx.cluster.jar")).toFile())) {
      jar.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.endsWith(".class"))
          .forEach(
              n ->
                  prefixes.stream()
                      .filter(n::startsWith)
                      .forEach(p -> classesUnder.merge(p, 1, Integer::sum)));
      ZipEntry register =
          jar.getEntry("META-INF/services/org.apache.spark.sql.sources.DataSourceRegister");
      services = new String(jar.getInputStream(register).readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(
          "io.cx.jobs.cli.Cx", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    for (String carried :
        List.of(
            "io/cx/jobs/",
            "io/cx/common/",
            "io/delta/",
            "org/apache/spark/sql/delta/",
            "picocli/",
            "com/github/mustachejava/",
            "io/cx/shaded/org/yaml/snakeyaml/",
            "io/cx/shaded/com/fasterxml/jackson/dataformat/yaml/")) {
      assertTrue(classesUnder.getOrDefault(carried, 0) > 0, carried + " missing: " + classesUnder);
    }
    for (String provided :
        List.of(
            "org/yaml/",
            "com/fasterxml/jackson/",
            "scala/",
            "org/apache/spark/SparkContext",
            "org/apache/hadoop/",
            "com/amazonaws/",
            "org/antlr/")) {
      assertEquals(0, classesUnder.getOrDefault(provided, 0), provided + ": " + classesUnder);
    }
    assertTrue(services.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), services);
  }
}
