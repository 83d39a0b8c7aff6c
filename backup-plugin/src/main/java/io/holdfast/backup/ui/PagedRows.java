package io.holdfast.backup.ui;

import com.vaadin.flow.component.grid.Grid;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A grid filled page by page from the database, remembering each loaded row's place (newest first), which the
 * rows' buttons carry as {@code data-row}: a browser's order of grid cells is not the order shown.
 */
public final class PagedRows<T> {

    /** One page of items from {@code offset}. */
    public interface Pages<T> {
        List<T> page(int offset, int limit);
    }

    private final Map<Long, Integer> rows = new ConcurrentHashMap<>();
    private final ToLongFunction<T> id;

    private PagedRows(ToLongFunction<T> id) {
        this.id = id;
    }

    /** Fills {@code grid} lazily from {@code pages}; {@code count} gives the scroll bar its length. */
    public static <T> PagedRows<T> fill(Grid<T> grid, ToLongFunction<T> id, Pages<T> pages, LongSupplier count) {
        PagedRows<T> rows = new PagedRows<>(id);
        grid.setItems(query -> {
            List<T> page = pages.page(query.getOffset(), query.getLimit());
            for (int i = 0; i < page.size(); i++) {
                rows.rows.put(id.applyAsLong(page.get(i)), query.getOffset() + i);
            }
            return page.stream();
        }, query -> (int) Math.min(Integer.MAX_VALUE, count.getAsLong()));
        return rows;
    }

    /** The item's place among the rows loaded so far, or -1. */
    public int row(T item) {
        return rows.getOrDefault(id.applyAsLong(item), -1);
    }

    /** Forget the places before the grid reloads. */
    public void clear() {
        rows.clear();
    }
}
