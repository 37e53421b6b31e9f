package dev.hark.importers.torch;

import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.razorvine.pickle.PickleException;

/** The result of {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}. */
public record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
    static Object construct(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef s) || !(args[1] instanceof Number off)) {
            throw new PickleException("tensor rebuild call with unexpected arguments");
        }
        int[] size = ints(args[2], "size");
        long[] stride = longs(args[3], "stride");
        if (size.length != stride.length) {
            throw new PickleException("tensor with " + size.length + " sizes and " + stride.length + " strides");
        }
        return new TensorRef(s, off.longValue(), size, stride);
    }

    private static int[] ints(Object o, String what) {
        long[] l = longs(o, what);
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < 0 || l[i] > Integer.MAX_VALUE) {
                throw new PickleException("tensor " + what + " " + l[i] + " out of range");
            }
            r[i] = (int) l[i];
        }
        return r;
    }

    private static long[] longs(Object o, String what) {
        List<?> items;
        if (o instanceof Object[] a) {
            items = Arrays.asList(a);
        } else if (o instanceof List<?> l) {
            items = l;
        } else {
            throw new PickleException("tensor " + what + " is not a tuple");
        }
        long[] r = new long[items.size()];
        for (int i = 0; i < r.length; i++) {
            if (!(items.get(i) instanceof Number n)) {
                throw new PickleException("tensor " + what + " holds a non-number");
            }
            r[i] = n.longValue();
        }
        return r;
    }

    public FloatTensor materialise(Path file, String name, float[] root) {
        long numel = 1;
        long last;
        // offset and strides come from the file: exact arithmetic, so that a huge one cannot wrap around into the
        // storage (a stride of 2^62 would otherwise read element 0 again and again)
        try {
            last = Math.addExact(offset, storage.viewOffset());
            for (int i = 0; i < size.length; i++) {
                numel *= size[i];
                if (size[i] > 0) {
                    if (stride[i] < 0) {
                        throw new ModelException(file + ": tensor '" + name + "' has a negative stride");
                    }
                    last = Math.addExact(last, Math.multiplyExact(size[i] - 1L, stride[i]));
                }
                if (numel > Integer.MAX_VALUE) {
                    throw new ModelException(file + ": tensor '" + name + "' is too large");
                }
            }
        } catch (ArithmeticException e) {
            throw new ModelException(file + ": tensor '" + name + "' " + Arrays.toString(size) + " has an offset or "
                    + "strides beyond any storage (offset " + offset + ", strides " + Arrays.toString(stride) + ")", e);
        }
        if (numel > storage.numel()) {
            throw new ModelException(file + ": tensor '" + name + "' " + Arrays.toString(size)
                    + " has more elements than its storage (" + storage.numel() + "): overlapping strides");
        }
        long limit = storage.viewOffset() + (long) storage.numel();
        if (numel > 0 && (offset < 0 || last >= limit || last >= root.length)) {
            throw new ModelException(file + ": tensor '" + name + "' " + Arrays.toString(size)
                    + " reaches past the end of its storage (" + storage.numel() + " elements)");
        }
        float[] out = new float[(int) numel];
        if (numel == 0) {
            return new FloatTensor(name, size.clone(), out);
        }
        int rank = size.length;
        long base = offset + storage.viewOffset();
        // contiguous fast path
        boolean contiguous = true;
        long expect = 1;
        for (int i = rank - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expect) {
                contiguous = false;
                break;
            }
            expect *= size[i];
        }
        if (contiguous) {
            System.arraycopy(root, (int) base, out, 0, (int) numel);
            return new FloatTensor(name, size.clone(), out);
        }
        int[] idx = new int[rank];
        for (int k = 0; k < numel; k++) {
            long p = base;
            for (int i = 0; i < rank; i++) {
                p += idx[i] * stride[i];
            }
            out[k] = root[(int) p];
            for (int i = rank - 1; i >= 0; i--) {
                if (++idx[i] < size[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return new FloatTensor(name, size.clone(), out);
    }
}
