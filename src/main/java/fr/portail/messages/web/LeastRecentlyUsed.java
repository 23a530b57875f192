package fr.portail.messages.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map whose entries weigh at most {@code capacity} together, dropping the least recently used first; an entry heavier
 * than the whole capacity is not kept. Safe across threads.
 */
final class LeastRecentlyUsed<K, V> {

    private final Map<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final long capacity;
    private final ToLongFunction<V> weight;
    private long used;

    LeastRecentlyUsed(long capacity, ToLongFunction<V> weight) {
        this.capacity = capacity;
        this.weight = weight;
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        long added = weight.applyAsLong(value);
        if (added > capacity) {
            return;
        }
        V before = entries.put(key, value);
        used += added - (before == null ? 0 : weight.applyAsLong(before));
        Iterator<V> eldest = entries.values().iterator();
        while (used > capacity) {
            used -= weight.applyAsLong(eldest.next());
            eldest.remove();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
