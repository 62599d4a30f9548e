package io.cx.jobs.generate;

import io.cx.common.journey.JourneyMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code cx generate}: writes synthetic inputs in the contract's formats, the journey map that
 * produced them, a job config reading them, and the planted ground truth:
 *
 * <pre>
 * DIR/surveys/surveys.csv         long layout: one row per answered (or empty-scored) question
 * DIR/surveys_wide/surveys.csv    the same answers, one column per question (no comments)
 * DIR/events/events.csv           behavioural events, ~0.5 % delivered twice
 * DIR/customers.csv               segment, region, signup date, annual value
 * DIR/journey.yaml                the online_retail journey map, as shipped
 * DIR/cx.yaml                     a job config reading the files above (absolute paths)
 * DIR/truth.json                  the planted truth ({@link Truth})
 * DIR/truth/churn_probabilities.csv  true churn probability per response
 * </pre>
 *
 * <p>Customers are simulated one by one, each from its own random stream split off the seed, in a
 * fixed order; everything is written in a fixed order with fixed formats, so the same options give
 * byte-identical files (cx.yaml names the output folder, so it differs between folders).
 */
public final class Generator {
  static final String SURVEYS_FILE = "surveys/surveys.csv";
  static final String SURVEYS_WIDE_FILE = "surveys_wide/surveys.csv";
  static final String EVENTS_FILE = "events/events.csv";
  static final String CUSTOMERS_FILE = "customers.csv";
  static final String JOURNEY_FILE = "journey.yaml";
  static final String CONFIG_FILE = "cx.yaml";
  static final String TRUTH_FILE = "truth.json";
  static final String PROBABILITIES_FILE = "truth/churn_probabilities.csv";

  /** Source names, as in truth.json's bad_rows and counts.file_rows. */
  static final String SURVEYS = "surveys";

  static final String SURVEYS_WIDE = "surveys_wide";
  static final String EVENTS = "events";
  static final String CUSTOMERS = "customers";

  /** Mixed into the seed for the random stream of the files (duplicates, bad rows). */
  private static final long FILES_STREAM = 0x6A09E667F3BCC909L;

  private Generator() {}

  /** Generates and writes everything; returns what was written. */
  public static GeneratedData generate(GeneratorOptions options) {
    String journeyText = JourneyResource.text();
    JourneyMap map = JourneyResource.load(journeyText);
    Dataset data = simulate(options, map);
    Path dir = options.out();
    InputWriter.Written written =
        InputWriter.write(data, dir, new Rng(options.seed() ^ FILES_STREAM));
    writeText(dir.resolve(JOURNEY_FILE), journeyText);
    writeText(dir.resolve(CONFIG_FILE), ConfigFile.text(dir, options));
    writeText(dir.resolve(TRUTH_FILE), new TruthBuilder(data).build(written).toJson());
    Csv.write(
        dir.resolve(PROBABILITIES_FILE),
        ChurnTruth.PROBABILITIES_HEADER,
        new ChurnTruth(data).probabilityRows());
    int bad =
        written.badRows().values().stream()
            .flatMap(m -> m.values().stream())
            .mapToInt(Integer::intValue)
            .sum();
    return new GeneratedData(
        dir,
        dir.resolve(SURVEYS_FILE),
        dir.resolve(SURVEYS_WIDE_FILE),
        dir.resolve(EVENTS_FILE),
        dir.resolve(CUSTOMERS_FILE),
        dir.resolve(JOURNEY_FILE),
        dir.resolve(CONFIG_FILE),
        dir.resolve(TRUTH_FILE),
        dir.resolve(PROBABILITIES_FILE),
        data.customers().size(),
        data.responses().size(),
        written.surveyRows(),
        data.events().size(),
        written.duplicateEvents(),
        bad);
  }

  /** Simulates every customer, then puts events and responses in file order. */
  static Dataset simulate(GeneratorOptions options, JourneyMap map) {
    TimeFrame frame = TimeFrame.of(options.endDate(), options.surveyDays(), map.lookbackDays());
    Ids ids = new Ids(options.customers());
    Population population = new Population(options.endDate(), ids);
    CustomerSimulator simulator = new CustomerSimulator(map, frame);
    Rng root = new Rng(options.seed());
    List<CustomerProfile> customers = new ArrayList<>(options.customers());
    List<Event> events = new ArrayList<>();
    List<SurveyResponse> responses = new ArrayList<>();
    for (int i = 0; i < options.customers(); i++) {
      Rng rng = root.split();
      CustomerProfile profile = population.draw(i, rng);
      CustomerSimulator.SimulatedCustomer sim = simulator.simulate(profile, rng);
      customers.add(profile);
      events.addAll(sim.events());
      responses.addAll(sim.responses());
    }
    events.sort(Event.BY_TIME);
    responses.sort(
        Comparator.comparingLong(SurveyResponse::submittedAt)
            .thenComparingInt(SurveyResponse::customer));
    return new Dataset(options, map, frame, ids, customers, events, responses);
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
