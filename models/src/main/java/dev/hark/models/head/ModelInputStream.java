package dev.hark.models.head;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The object stream of {@code model.ser}: {@link ModelStreamFilter} decides which classes and how much, and every
 * map and set read is checked, as soon as it is complete, to hold only numbers and strings (Smile's {@code IntSet}
 * keeps a {@code HashMap} of integers, a classifier's options are a map of strings), and every list to hold no
 * collections. Collections nested in collections, the way hash-code bombs are built, are refused before a parent
 * hashes them: the work done before a refusal is linear in the stream.
 */
final class ModelInputStream extends ObjectInputStream {
    private final ModelStreamFilter filter;

    ModelInputStream(byte[] bytes) throws IOException {
        super(new ByteArrayInputStream(bytes));
        filter = new ModelStreamFilter();
        setObjectInputFilter(filter);
        enableResolveObject(true);
    }

    @Override
    protected Object resolveObject(Object obj) throws IOException {
        if (obj instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                scalar(e.getKey());
                scalar(e.getValue());
            }
        } else if (obj instanceof Set<?> s) {
            for (Object o : s) {
                scalar(o);
            }
        } else if (obj instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Collection<?> || o instanceof Map<?, ?>) {
                    refuse(o);
                }
            }
        }
        return obj;
    }

    private void scalar(Object o) throws InvalidObjectException {
        if (!(o instanceof Number || o instanceof String)) {
            refuse(o);
        }
    }

    private void refuse(Object o) throws InvalidObjectException {
        String why = "a map or collection holding " + (o == null ? "null" : o.getClass().getName())
                + " (maps and sets hold numbers and strings, lists no collections)";
        filter.refuse(why);
        throw new InvalidObjectException(why);
    }

    /** Why the stream was refused, or null if it was not. */
    String refusal() {
        return filter.refusal();
    }
}
