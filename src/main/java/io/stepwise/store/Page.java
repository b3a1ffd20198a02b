package io.stepwise.store;

import java.util.List;

/**
 * One page of a listing and where the next one starts; {@code next} is null on the last page.
 *
 * @param <T> the items
 * @param <K> the position the next page starts after (a keyset key, never an offset)
 */
public record Page<T, K>(List<T> items, K next) {
}
