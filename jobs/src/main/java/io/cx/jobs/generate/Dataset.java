package io.cx.jobs.generate;

import io.cx.common.journey.JourneyMap;
import java.util.List;

/**
 * Everything simulated, in file order: events sorted by time (the i-th gets event id i + 1),
 * responses sorted by submission time (the i-th gets response id i + 1).
 *
 * @param options the options
 * @param map the journey map
 * @param frame the calendar
 * @param ids the id formats
 * @param customers the customers, by index
 * @param events every event that happened
 * @param responses every survey answered
 */
record Dataset(
    GeneratorOptions options,
    JourneyMap map,
    TimeFrame frame,
    Ids ids,
    List<CustomerProfile> customers,
    List<Event> events,
    List<SurveyResponse> responses) {}
