package org.goldensdk.sandbox;

import java.util.ArrayList;
import java.util.List;

/** What a test opened, closed in reverse order by JUnit ({@code @AutoClose} on the field). Not thread-safe. */
public final class Closer implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Remembers {@code resource} and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        opened.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
