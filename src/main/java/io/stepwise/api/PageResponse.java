package io.stepwise.api;

import java.util.List;

/**
 * Every listing answers this way: the items and an opaque cursor for the next page (null on the last).
 * Pass it back as {@code cursor} with the same filters.
 */
record PageResponse<T>(List<T> items, String nextCursor) {
}
