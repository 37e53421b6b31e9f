/**
 * Hand-crafted clip features for baselines: MFCCs with deltas, summarised over a clip by mean and
 * standard deviation, computed from the shared log-mel front end.
 */
package dev.hark.core.features;
