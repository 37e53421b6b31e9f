package dev.hark.importers.torch;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A razorvine {@link Unpickler} that only lets a pickle name the globals of an allow-list.
 *
 * <p>A {@code .pth} file is a pickle, and a pickle is a program: its GLOBAL/STACK_GLOBAL/INST opcodes name any
 * Python callable ({@code os.system}, {@code builtins.eval}) and REDUCE calls it. razorvine never runs Python,
 * but for a name it does not know it silently builds a {@code ClassDict}, and its constructor registry is a
 * JVM-wide static map. This subclass therefore intercepts every opcode that resolves a global and answers only
 * from its own per-instance allow-list; any other name fails the whole load with a {@link ForbiddenGlobalException}.
 * Length-prefixed strings and byte strings are checked against the stream's size before they are allocated.
 */
final class TorchUnpickler extends Unpickler {
    /** Thrown when a pickle names a global outside the allow-list. */
    static final class ForbiddenGlobalException extends PickleException {
        private static final long serialVersionUID = 1L;
        final String global;

        ForbiddenGlobalException(String global) {
            super("the pickle asks for the Python global '" + global + "', which a weights file never needs");
            this.global = global;
        }
    }

    private final Map<String, IObjectConstructor> allowed;
    private final Function<Object, Object> persistentLoader;
    private final long maxLength;

    /**
     * @param allowed           {@code module.name} -> what to push for that global
     * @param persistentLoader  answers persistent ids (storages); may throw {@link PickleException}
     * @param maxLength         upper bound for any single string or byte string in the stream (its size)
     */
    TorchUnpickler(Map<String, IObjectConstructor> allowed, Function<Object, Object> persistentLoader, long maxLength) {
        this.allowed = Map.copyOf(allowed);
        this.persistentLoader = persistentLoader;
        this.maxLength = maxLength;
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case Opcodes.GLOBAL: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw new PickleException("STACK_GLOBAL without a module and a name");
                }
                stack.add(resolve((String) module, (String) name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.INST: {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                IObjectConstructor constructor = resolve(module, name);
                List<Object> args = stack.pop_all_since_marker();
                stack.add(constructor.construct(args.toArray()));
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINUNICODE:
            case Opcodes.BINBYTES:
            case Opcodes.BINSTRING:
            case Opcodes.LONG4:
                checkLength(4);
                return super.dispatch(key);
            case Opcodes.BINUNICODE8:
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                checkLength(8);
                return super.dispatch(key);
            case Opcodes.NEXT_BUFFER:
            case Opcodes.READONLY_BUFFER:
                throw new PickleException("out-of-band buffers are not used by weights files");
            case Opcodes.EMPTY_SET:
            case Opcodes.ADDITEMS:
            case Opcodes.FROZENSET:
                throw new PickleException("sets are not used by weights files");
            case Opcodes.SETITEM: {
                Object value = stack.pop();
                Object k = stack.pop();
                checkKey(k);
                stack.add(k);
                stack.add(value);
                return super.dispatch(key);
            }
            case Opcodes.SETITEMS:
            case Opcodes.DICT: {
                List<Object> items = stack.pop_all_since_marker();
                for (int i = 0; i < items.size(); i += 2) {
                    checkKey(items.get(i));
                }
                stack.add_mark();
                for (Object o : items) {
                    stack.add(o);
                }
                return super.dispatch(key);
            }
            default:
                return super.dispatch(key);
        }
    }

    /**
     * Dict keys must be what Python can hash (strings, numbers, booleans, None, tuples): a dict or list as a key,
     * possibly containing itself, would make Java's hashCode recurse without end.
     */
    private static void checkKey(Object k) {
        if (k == null || k instanceof String || k instanceof Number || k instanceof Boolean || k instanceof Object[]) {
            return;
        }
        throw new PickleException("a dict key of an unhashable type");
    }

    private IObjectConstructor resolve(String module, String name) {
        IObjectConstructor c = allowed.get(module + "." + name);
        if (c == null) {
            throw new ForbiddenGlobalException(module + "." + name);
        }
        return c;
    }

    /** Peeks at a little-endian length of {@code bytes} bytes and refuses lengths beyond the stream's size. */
    private void checkLength(int bytes) throws IOException {
        input.mark(bytes);
        long len = 0;
        for (int i = 0; i < bytes; i++) {
            int b = input.read();
            if (b < 0) {
                throw new PickleException("premature end of pickle data");
            }
            len |= ((long) b) << (8 * i);
        }
        input.reset();
        if (len < 0 || len > maxLength) {
            throw new PickleException("a string of " + len + " bytes in a stream of " + maxLength + " bytes");
        }
    }

    @Override
    protected Object persistentLoad(Object pid) {
        return persistentLoader.apply(pid);
    }

    /** Loads one pickle; the stream must support mark/reset (wrap it in a BufferedInputStream). */
    Object loadOne(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("stream must support mark/reset");
        }
        return load(in);
    }
}
