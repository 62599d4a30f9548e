package io.cx.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cx.common.config.Problems;
import io.cx.common.config.YamlFiles;
import io.cx.common.contract.FeatureColumns;
import io.cx.common.contract.Tables;
import io.cx.common.journey.JourneyMap;
import io.cx.common.journey.JourneyMapLoader;
import io.cx.common.spark.TableIO;
import io.cx.jobs.cli.SampleWarehouse;
import io.cx.jobs.testing.TableDocs;
import io.cx.jobs.testing.TableDocs.Column;
import io.cx.jobs.testing.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md documents every output table and column; this test keeps it true: the documented
 * columns, types and nullability are the schemas in common (Schemas, and FeatureColumns for
 * journey_features' pattern columns), and the tables a whole pipeline run writes have the
 * documented columns and types. A difference fails naming the table and the column.
 */
class DocumentedSchemasTest {
  @Test
  void everyTableOfTheContractIsDocumentedInTheContractsOrder() {
    assertEquals(Tables.ALL, List.copyOf(TableDocs.read().keySet()));
  }

  @Test
  void everyColumnHasAMeaningAndAnExample() {
    List<String> undocumented = new ArrayList<>();
    TableDocs.read()
        .forEach(
            (table, columns) ->
                columns.stream()
                    .filter(c -> c.meaning().isBlank() || c.example().isBlank())
                    .forEach(c -> undocumented.add(table + "." + c.name())));
    assertEquals(List.of(), undocumented, "columns without a meaning or an example");
  }

  @Test
  void theDocumentedColumnsAreTheSchemasInCommon() {
    Map<String, List<Column>> doc = TableDocs.read();
    List<String> differences = new ArrayList<>();
    for (String table : Tables.ALL) {
      if (!table.equals(Tables.JOURNEY_FEATURES)) {
        differences.addAll(
            TableDocs.differences(table, doc.get(table), Tables.schema(table), true));
      }
    }
    JourneyMap shop = shop();
    differences.addAll(
        TableDocs.differences(
            Tables.JOURNEY_FEATURES,
            TableDocs.expand(doc.get(Tables.JOURNEY_FEATURES), List.of(shop)),
            FeatureColumns.schemaOf(shop),
            true));
    assertEquals(List.of(), differences);
  }

  @Test
  void theTablesAPipelineRunWritesHaveTheDocumentedColumnsAndTypes() {
    SampleWarehouse world = SampleWarehouse.get();
    TableIO tables = world.tables();
    Map<String, List<Column>> doc = TableDocs.read();
    List<String> differences = new ArrayList<>();
    for (String table : Tables.ALL) {
      assertTrue(tables.exists(table), table + " was not written");
      List<Column> documented =
          table.equals(Tables.JOURNEY_FEATURES)
              ? TableDocs.expand(doc.get(table), world.config().journeys())
              : doc.get(table);
      // Delta stores every column as nullable: the types are compared, not the nullability.
      differences.addAll(
          TableDocs.differences(table, documented, tables.readWritten(table).schema(), false));
    }
    assertEquals(List.of(), differences);
  }

  @Test
  void aDifferenceNamesTheTableAndTheColumn() {
    List<Column> documented =
        List.of(
            new Column("n", "int", false, "responses", "12"),
            new Column("value", "double", false, "the value", "0.5"),
            new Column("gone", "string", true, "a column no longer written", "x"));
    StructType schema =
        new StructType()
            .add("n", DataTypes.LongType, false)
            .add("value", DataTypes.DoubleType, true)
            .add("added", DataTypes.StringType, true);
    assertEquals(
        List.of(
            "model_metrics.n is documented as int but the schema has bigint",
            "model_metrics.value is documented as nullable no but the schema has yes",
            "model_metrics.added (string) is in the schema but not documented in docs/tables.md",
            "model_metrics.gone is documented in docs/tables.md but not in the schema"),
        TableDocs.differences("model_metrics", documented, schema, true));
    assertEquals(
        List.of(
            "model_metrics: the columns are documented in another order than the schema's:"
                + " [value, n]"),
        TableDocs.differences(
            "model_metrics",
            documented.subList(0, 2),
            new StructType()
                .add("value", DataTypes.DoubleType, false)
                .add("n", DataTypes.IntegerType, false),
            true));
  }

  @Test
  void thePatternColumnsBecomeEveryTouchpointThenEveryMetricOfTheJourney() {
    List<Column> features =
        TableDocs.expand(TableDocs.read().get(Tables.JOURNEY_FEATURES), List.of(shop()));
    List<String> names = features.stream().map(Column::name).toList();
    int first = names.indexOf("tp_checkout");
    assertEquals(
        List.of("tp_checkout", "tp_delivery", "m_payment_errors", "m_delay_hours", "run_date"),
        names.subList(first, names.size()));
    assertFalse(names.contains(TableDocs.TOUCHPOINT_COLUMNS));
  }

  /**
   * The tests' small journey: touchpoints checkout and delivery, metrics payment_errors,
   * delay_hours.
   */
  private static JourneyMap shop() {
    Problems problems = new Problems("journey.yaml");
    JourneyMap map =
        JourneyMapLoader.fromTree(
            YamlFiles.parse(Workspace.JOURNEY, problems), "journey.yaml", problems);
    problems.throwIfAny();
    return map;
  }
}
