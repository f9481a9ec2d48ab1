/** Exit codes: 0 ok, 1 failure (a file did not parse, a store or I/O error), 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
