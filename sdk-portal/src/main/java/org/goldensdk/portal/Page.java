package org.goldensdk.portal;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items of this page, newest first
 * @param page the page number, from 1
 * @param size the page size asked for
 * @param total how many items match in all
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** Whether a further page holds more items. */
    public boolean hasNext() {
        return (long) page * size < total;
    }
}
