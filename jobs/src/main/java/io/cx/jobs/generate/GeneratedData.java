package io.cx.jobs.generate;

import java.nio.file.Path;

/**
 * What {@link Generator#generate} wrote.
 *
 * @param out the output folder
 * @param surveys surveys, long layout ({@code surveys/surveys.csv})
 * @param surveysWide the same answers, wide layout, without comments ({@code
 *     surveys_wide/surveys.csv})
 * @param events events ({@code events/events.csv})
 * @param customers customers ({@code customers.csv})
 * @param journey the journey map that produced the data ({@code journey.yaml})
 * @param config a job config reading these files ({@code cx.yaml})
 * @param truth the planted ground truth ({@code truth.json}, see {@link Truth})
 * @param churnProbabilities true churn probability per response ({@code
 *     truth/churn_probabilities.csv})
 * @param customerCount customers generated (good rows of customers.csv)
 * @param responseCount survey responses (good rows of the wide layout)
 * @param surveyRows good rows of the long layout
 * @param eventCount distinct events (good rows of events.csv, without duplicates)
 * @param duplicateEvents events written twice
 * @param badRows deliberately bad rows over all files
 */
public record GeneratedData(
    Path out,
    Path surveys,
    Path surveysWide,
    Path events,
    Path customers,
    Path journey,
    Path config,
    Path truth,
    Path churnProbabilities,
    int customerCount,
    int responseCount,
    int surveyRows,
    int eventCount,
    int duplicateEvents,
    int badRows) {}
