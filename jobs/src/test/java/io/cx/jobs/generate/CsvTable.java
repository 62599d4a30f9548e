package io.cx.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read line by line with an independent RFC-4180 field splitter (quoted fields, doubled
 * quotes), as the tests' own reading of what the generator wrote.
 *
 * @param header the column names
 * @param lines the data lines as written
 * @param rows the data lines split into fields
 */
record CsvTable(List<String> header, List<String> lines, List<List<String>> rows) {

  static CsvTable read(Path file) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> lines = all.subList(1, all.size());
      List<List<String>> rows = new ArrayList<>(lines.size());
      for (String l : lines) {
        rows.add(split(l));
      }
      return new CsvTable(split(all.get(0)), List.copyOf(lines), rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  int col(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + header);
    }
    return i;
  }
}
