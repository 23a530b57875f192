package fr.portail.messages.directory;

import java.util.List;

/**
 * One page of a list that administrators browse by page number.
 *
 * @param items the rows of this page
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many rows the whole list has
 */
public record ResultPage<T>(List<T> items, int page, int size, long total) {

    public ResultPage {
        items = List.copyOf(items);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
