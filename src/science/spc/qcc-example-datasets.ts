/**
 * Test data: four example data sets of the R package qcc (L. Scrucca, qcc: Quality Control Charts, CRAN,
 * version 3.0, files data/viscosity.txt, pistonrings.txt, orangejuice.txt, circuit.txt; the data come from
 * D. C. Montgomery, Introduction to Statistical Quality Control). Transcribed as data, not code, to check
 * evlab's charts against qcc's documented results (see the *.test.ts files beside this one).
 */

/** viscosity$viscosity: aircraft primer paint viscosity, batches 1–35; `trial` is true for batches 1–20. */
export const VISCOSITY = [
  34.05, 34.4, 33.59, 35.96, 34.7, 33.51, 33.79, 34.04, 34.52, 33.75, 33.27, 33.71, 34.03, 34.58, 34.02,
  33.97, 34.05, 34.04, 33.73, 34.05, 34.39, 33.75, 33.4, 33.27, 34.65, 34.8, 34.55, 35.4, 34.75, 34.5, 34.7,
  34.29, 34.61, 34.49, 35.03,
] as const;
export const VISCOSITY_TRIAL_COUNT = 20;

/** pistonrings$diameter in mm, 40 samples of 5 in sample order (samples 1–25 are the trial samples). */
export const PISTON_RING_DIAMETERS_MM = [
  74.03, 74.002, 74.019, 73.992, 74.008, 73.995, 73.992, 74.001, 74.011, 74.004, 73.988, 74.024, 74.021,
  74.005, 74.002, 74.002, 73.996, 73.993, 74.015, 74.009, 73.992, 74.007, 74.015, 73.989, 74.014, 74.009,
  73.994, 73.997, 73.985, 73.993, 73.995, 74.006, 73.994, 74.0, 74.005, 73.985, 74.003, 73.993, 74.015,
  73.988, 74.008, 73.995, 74.009, 74.005, 74.004, 73.998, 74.0, 73.99, 74.007, 73.995, 73.994, 73.998, 73.994,
  73.995, 73.99, 74.004, 74.0, 74.007, 74.0, 73.996, 73.983, 74.002, 73.998, 73.997, 74.012, 74.006, 73.967,
  73.994, 74.0, 73.984, 74.012, 74.014, 73.998, 73.999, 74.007, 74.0, 73.984, 74.005, 73.998, 73.996, 73.994,
  74.012, 73.986, 74.005, 74.007, 74.006, 74.01, 74.018, 74.003, 74.0, 73.984, 74.002, 74.003, 74.005, 73.997,
  74.0, 74.01, 74.013, 74.02, 74.003, 73.988, 74.001, 74.009, 74.005, 73.996, 74.004, 73.999, 73.99, 74.006,
  74.009, 74.01, 73.989, 73.99, 74.009, 74.014, 74.015, 74.008, 73.993, 74.0, 74.01, 73.982, 73.984, 73.995,
  74.017, 74.013, 74.012, 74.015, 74.03, 73.986, 74.0, 73.995, 74.01, 73.99, 74.015, 74.001, 73.987, 73.999,
  73.985, 74.0, 73.99, 74.008, 74.01, 74.003, 73.991, 74.006, 74.003, 74.0, 74.001, 73.986, 73.997, 73.994,
  74.003, 74.015, 74.02, 74.004, 74.008, 74.002, 74.018, 73.995, 74.005, 74.001, 74.004, 73.99, 73.996,
  73.998, 74.015, 74.0, 74.016, 74.025, 74.0, 74.03, 74.005, 74.0, 74.016, 74.012, 74.001, 73.99, 73.995,
  74.01, 74.024, 74.015, 74.02, 74.024, 74.005, 74.019, 74.035, 74.01, 74.012, 74.015, 74.026, 74.017, 74.013,
  74.036, 74.025, 74.026, 74.01, 74.005, 74.029, 74.0, 74.02,
] as const;
export const PISTON_RING_SUBGROUP_SIZE = 5;
export const PISTON_RING_TRIAL_SAMPLES = 25;

/** orangejuice$D: nonconforming cans in samples of 50, samples 1–54 (trial: samples 1–30). */
export const ORANGE_JUICE_NONCONFORMING = [
  12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6,
  9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6, 3, 5,
] as const;
export const ORANGE_JUICE_SAMPLE_SIZE = 50;
export const ORANGE_JUICE_TRIAL_COUNT = 30;

/** circuit$x: nonconformities per 100 printed circuit boards, samples 1–46 (trial: samples 1–26). */
export const CIRCUIT_NONCONFORMITIES = [
  21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15, 16,
  18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22, 19, 12, 14, 9, 16, 21,
] as const;
export const CIRCUIT_TRIAL_COUNT = 26;
