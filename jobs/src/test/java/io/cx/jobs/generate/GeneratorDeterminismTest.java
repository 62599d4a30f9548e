package io.cx.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options give byte-identical files; another seed gives other data. */
class GeneratorDeterminismTest {
  @TempDir static Path dir;
  private static GeneratedData a;
  private static GeneratedData b;
  private static GeneratedData c;

  @BeforeAll
  static void generateTwiceWithOneSeedAndOnceWithAnother() {
    a = generate("a", 7);
    b = generate("b", 7);
    c = generate("c", 8);
  }

  private static GeneratedData generate(String folder, long seed) {
    return Generator.generate(
        GeneratorOptions.defaults(dir.resolve(folder))
            .withCustomers(150)
            .withSeed(seed)
            .withBadRowShare(0.02));
  }

  @Test
  void theSameSeedGivesByteIdenticalFiles() throws Exception {
    List<Path> files = files(a.out());
    assertEquals(files, files(b.out()));
    assertEquals(8, files.size(), files.toString());
    for (Path f : files) {
      byte[] left = Files.readAllBytes(a.out().resolve(f));
      byte[] right = Files.readAllBytes(b.out().resolve(f));
      if (f.toString().equals("cx.yaml")) {
        right =
            new String(right, StandardCharsets.UTF_8)
                .replace(b.out().toAbsolutePath().toString(), a.out().toAbsolutePath().toString())
                .getBytes(StandardCharsets.UTF_8);
      }
      assertArrayEquals(left, right, f.toString());
    }
  }

  @Test
  void anotherSeedGivesOtherData() throws Exception {
    for (Path f : List.of(Path.of("surveys/surveys.csv"), Path.of("events/events.csv"))) {
      assertFalse(
          Arrays.equals(
              Files.readAllBytes(a.out().resolve(f)), Files.readAllBytes(c.out().resolve(f))),
          f.toString());
    }
    assertFalse(Files.readString(a.truth()).equals(Files.readString(c.truth())));
    assertEquals(
        Files.readString(a.journey()), Files.readString(c.journey()), "the journey map is fixed");
  }

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
