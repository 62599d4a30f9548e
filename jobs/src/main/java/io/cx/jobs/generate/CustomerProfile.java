package io.cx.jobs.generate;

import java.time.LocalDate;

/**
 * One synthetic customer: the attributes written to customers.csv and the behaviour rates the event
 * timeline is drawn from (rates per day).
 *
 * @param index position in the population, 0-based
 * @param id customer_id
 * @param segment consumer, business or premium
 * @param region north, south, east or west
 * @param signupDate first day as a customer; gives tenure
 * @param annualValue revenue a year
 * @param appRate app opens a day
 * @param orderRate orders a day
 * @param paymentErrorsPerOrder mean payment errors an order
 * @param searchFailureRate searches without result a day
 * @param callRate call-centre contacts a day, besides calls about a problem
 * @param waitMedianSeconds median call-centre wait of this customer's line
 * @param checkoutMedianSeconds median time spent in checkout
 * @param lateShare share of deliveries that arrive late
 */
record CustomerProfile(
    int index,
    String id,
    String segment,
    String region,
    LocalDate signupDate,
    double annualValue,
    double appRate,
    double orderRate,
    double paymentErrorsPerOrder,
    double searchFailureRate,
    double callRate,
    double waitMedianSeconds,
    double checkoutMedianSeconds,
    double lateShare) {}
