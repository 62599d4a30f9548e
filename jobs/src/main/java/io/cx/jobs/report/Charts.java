package io.cx.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * ECharts options as JSON trees (Jackson), with the parts every chart of the report shares: a grid
 * that keeps axis labels inside the container, named axes, no animation (the page is read once and
 * screenshotted), and a legend when there is more than one series. Serialised for a {@code <script
 * type="application/json">} block: {@code <}, {@code >}, {@code &} and {@code '} are written as
 * JSON unicode escapes, so no value from data can close the block.
 */
final class Charts {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Containers at most this wide (CSS pixels) get the narrow layout. */
  static final int NARROW_WIDTH = 520;

  /** Category labels are cut to this width (CSS pixels) in the narrow layout. */
  static final int NARROW_LABEL = 96;

  static {
    JSON.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
  }

  private Charts() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  static ArrayNode array() {
    return F.arrayNode();
  }

  /** An option with grid, tooltip and no animation; a legend when {@code legend} is true. */
  static ObjectNode base(boolean legend) {
    ObjectNode o = object();
    o.put("animation", false);
    ObjectNode grid = o.putObject("grid");
    // Room for the x axis name below the labels and the y axis name above the axis.
    grid.put("left", 8).put("right", 28).put("bottom", 34).put("top", legend ? 60 : 34);
    grid.put("containLabel", true);
    o.putObject("tooltip").put("trigger", "item");
    if (legend) {
      o.putObject("legend").put("top", 0).put("type", "scroll");
    }
    return o;
  }

  /** A horizontal value axis with its name (and unit) centred below it. */
  static ObjectNode valueAxis(String name) {
    ObjectNode a = object();
    a.put("type", "value").put("name", name).put("nameLocation", "middle").put("nameGap", 26);
    a.putObject("splitLine").putObject("lineStyle").put("color", "#eee");
    return a;
  }

  /** A vertical value axis with its name (and unit) above it, left-aligned, never over labels. */
  static ObjectNode yValueAxis(String name) {
    ObjectNode a = object();
    a.put("type", "value").put("name", name).put("nameLocation", "end").put("nameGap", 12);
    a.putObject("nameTextStyle").put("align", "left");
    a.putObject("splitLine").putObject("lineStyle").put("color", "#eee");
    return a;
  }

  /** A category axis with its name and categories; long labels wrap on narrow screens. */
  static ObjectNode categoryAxis(String name, List<String> categories) {
    ObjectNode a = object();
    a.put("type", "category").put("name", name).put("nameLocation", "middle").put("nameGap", 26);
    ArrayNode data = a.putArray("data");
    categories.forEach(data::add);
    ObjectNode label = a.putObject("axisLabel");
    label.put("width", 190).put("overflow", "truncate").put("interval", 0);
    return a;
  }

  private static boolean isType(com.fasterxml.jackson.databind.JsonNode axis, String type) {
    return axis != null && axis.isObject() && type.equals(axis.path("type").asText());
  }

  static ArrayNode numbers(List<Double> values) {
    ArrayNode a = array();
    for (Double v : values) {
      if (v == null || v.isNaN()) {
        a.addNull();
      } else {
        a.add(Labels.round(v));
      }
    }
    return a;
  }

  /** The same colour for a method in every chart; others from ECharts' palette by position. */
  static String colorOf(String group, int index) {
    return switch (group) {
      case "LMG" -> "#5470c6";
      case "relative weight" -> "#91cc75";
      case "tree SHAP" -> "#fac858";
      case "logit" -> "#ee6666";
      default -> PALETTE.get(index % PALETTE.size());
    };
  }

  private static final List<String> PALETTE =
      List.of("#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452");

  /**
   * The option as JSON safe inside an HTML script block, with an ECharts media rule for narrow
   * containers (phones): shorter category labels, fewer value ticks.
   */
  static String json(ObjectNode option) {
    ObjectNode narrow = object();
    if (isType(option.get("yAxis"), "category")) {
      narrow.putObject("yAxis").putObject("axisLabel").put("width", NARROW_LABEL);
    }
    if (isType(option.get("xAxis"), "value")) {
      narrow.putObject("xAxis").put("splitNumber", 3);
    }
    if (isType(option.get("xAxis"), "category")) {
      narrow.putObject("xAxis").putObject("axisLabel").put("interval", "auto");
    }
    ObjectNode root = option;
    if (!narrow.isEmpty()) {
      root = object();
      root.set("baseOption", option);
      ObjectNode rule = root.putArray("media").addObject();
      rule.putObject("query").put("maxWidth", NARROW_WIDTH);
      rule.set("option", narrow);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("chart option not serialisable", e);
    }
  }

  /** Escapes the characters that could end a script block or start markup. */
  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] escapes;

    ScriptSafeEscapes() {
      escapes = standardAsciiEscapesForJSON();
      escapes['<'] = ESCAPE_STANDARD;
      escapes['>'] = ESCAPE_STANDARD;
      escapes['&'] = ESCAPE_STANDARD;
      escapes['\''] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null;
    }
  }

  /**
   * Horizontal bars with 95 % intervals: one row per category, one bar series per group (the
   * method), drawn on top of each other since a row holds one group's value only, and a boxplot
   * series drawn as error bars (whiskers from the interval's low to its high, no box). A blank
   * category repeats the label of the row above (the next method of the same driver).
   *
   * @param valueName the value axis name with its unit
   * @param categories the rows, top to bottom
   * @param group each row's group (legend entry)
   * @param values each row's estimate
   * @param lows each row's interval low, or null
   * @param highs each row's interval high, or null
   */
  static ObjectNode intervalBars(
      String valueName,
      List<String> categories,
      List<String> group,
      List<Double> values,
      List<Double> lows,
      List<Double> highs) {
    List<String> groups = group.stream().distinct().toList();
    ObjectNode o = base(groups.size() > 1);
    if (groups.size() == 1) {
      ((ObjectNode) o.get("grid")).put("top", 8);
    }
    o.set("xAxis", valueAxis(valueName));
    ObjectNode y = categoryAxis(null, categories);
    y.put("inverse", true);
    y.putObject("axisTick").put("show", false);
    o.set("yAxis", y);
    ArrayNode series = o.putArray("series");
    for (String g : groups) {
      ObjectNode s = series.addObject();
      s.put("type", "bar").put("name", g).put("barGap", "-100%").put("barMaxWidth", 16);
      s.putObject("itemStyle").put("color", colorOf(g, groups.indexOf(g)));
      ArrayNode data = s.putArray("data");
      for (int i = 0; i < categories.size(); i++) {
        Double v = group.get(i).equals(g) ? values.get(i) : null;
        if (v == null || v.isNaN()) {
          data.addNull();
        } else {
          data.add(Labels.round(v));
        }
      }
    }
    ObjectNode box = series.addObject();
    box.put("type", "boxplot").put("name", "95 % interval");
    box.putArray("boxWidth").add(8).add(10);
    box.putObject("itemStyle")
        .put("color", "#333")
        .put("borderColor", "#333")
        .put("borderWidth", 1.5);
    ArrayNode data = box.putArray("data");
    for (int i = 0; i < categories.size(); i++) {
      Double lo = lows.get(i);
      Double hi = highs.get(i);
      Double v = values.get(i);
      if (lo == null || hi == null || v == null || lo.isNaN() || hi.isNaN()) {
        data.addArray();
      } else {
        double l = Labels.round(lo);
        double h = Labels.round(hi);
        double m = Labels.round(Math.max(l, Math.min(h, v)));
        data.addArray().add(l).add(m).add(m).add(m).add(h);
      }
    }
    return o;
  }
}
