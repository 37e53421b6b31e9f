package dev.hark.importers.torch;

import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * The pickle of a state dict: unpickled with only the globals a state dict needs (tensor rebuild calls, storage
 * classes, {@code collections.OrderedDict}), then its tensors materialised from the storages read beside it.
 */
final class StateDictPickle {
    private StateDictPickle() {
    }

    static Object load(Path file, InputStream in, long maxLength, Map<String, StorageRef> refs) {
        Map<String, IObjectConstructor> allowed = new HashMap<>();
        allowed.put("collections.OrderedDict", PyOrderedDict::construct);
        allowed.put("torch._utils._rebuild_tensor_v2", TensorRef::construct);
        allowed.put("torch._utils._rebuild_tensor", TensorRef::construct);
        allowed.put("torch._utils._rebuild_parameter", StateDictPickle::rebuildParameter);
        for (StorageType t : StorageType.values()) {
            allowed.put("torch." + t.className, t);
        }
        TorchUnpickler u = new TorchUnpickler(allowed, pid -> storage(pid, refs), maxLength);
        try {
            return u.loadOne(in);
        } catch (TorchUnpickler.ForbiddenGlobalException e) {
            throw new ModelException(file + ": refused: the pickle asks for the Python global '" + e.global
                    + "'; a state dict only needs tensors, so this file is not loaded (a .pth is code: Hark never"
                    + " runs it)", e);
        } catch (PickleException e) {
            throw new ModelException(file + ": malformed pickle: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelException(file + ": truncated pickle", e);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ModelException(file + ": truncated or unreadable pickle (" + m + ")", e);
        } catch (ClassCastException | IllegalArgumentException | IndexOutOfBoundsException
                | NullPointerException | java.util.NoSuchElementException e) {
            // The pickle's opcodes build the wrong kinds of objects or refer to what is not there: damaged bytes.
            throw new ModelException(file + ": malformed pickle (its objects do not form a state dict: damaged or "
                    + "not a PyTorch file)", e);
        }
    }

    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new PickleException("_rebuild_parameter without a tensor");
        }
        return args[0];
    }

    private static Object storage(Object pid, Map<String, StorageRef> refs) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException("unexpected persistent id " + describe(pid));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new PickleException("persistent id without a storage class: " + describe(pid));
        }
        if (!(t[2] instanceof String key)) {
            throw new PickleException("storage key is not a string");
        }
        if (!(t[4] instanceof Number numel) || numel.longValue() < 0 || numel.longValue() > Integer.MAX_VALUE) {
            throw new PickleException("storage " + key + " has no valid element count");
        }
        StorageRef root = refs.get(key);
        if (root == null) {
            root = new StorageRef(key, type, numel.intValue(), 0);
            refs.put(key, root);
        } else if (root.type() != type) {
            throw new PickleException("storage " + key + " is used with two element types");
        }
        if (t.length >= 6 && t[5] instanceof Object[] view) {
            // legacy view metadata: (view_key, offset, view_size)
            if (view.length != 3 || !(view[1] instanceof Number off) || !(view[2] instanceof Number vs)) {
                throw new PickleException("malformed storage view of " + key);
            }
            if (off.longValue() < 0 || off.longValue() + vs.longValue() > root.numel()) {
                throw new PickleException("storage view of " + key + " lies outside it");
            }
            return new StorageRef(key, type, vs.intValue(), off.intValue());
        }
        return root;
    }

    private static String describe(Object o) {
        if (o instanceof String str) {
            return "'" + (str.length() > 40 ? str.substring(0, 40) + "..." : str) + "'";
        }
        return o instanceof Object[] a ? "a tuple of " + a.length + " items" : typeName(o);
    }

    static Map<String, FloatTensor> materialise(Path file, Object root, Map<String, StorageRef> refs,
            Map<String, float[]> storages) {
        Object dict = root;
        if (dict instanceof Map<?, ?> m && m.size() == 1 && m.get("state_dict") instanceof Map<?, ?> inner) {
            dict = inner;
        }
        if (!(dict instanceof Map<?, ?> map)) {
            throw new ModelException(file + ": the pickle holds " + typeName(dict) + ", not a state dict (name -> tensor)");
        }
        Map<String, FloatTensor> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new ModelException(file + ": the state dict has a key that is not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new ModelException(file + ": entry '" + name + "' is " + typeName(e.getValue()) + ", not a tensor");
            }
            float[] storage = storages.get(t.storage().key());
            if (storage == null) {
                throw new ModelException(file + ": storage " + t.storage().key() + " of '" + name + "' is missing");
            }
            out.put(name, t.materialise(file, name, storage));
        }
        if (out.isEmpty()) {
            throw new ModelException(file + ": the state dict is empty");
        }
        return out;
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        if (o instanceof List || o instanceof Object[]) {
            return "a list or tuple";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Number) {
            return "a number";
        }
        return "an object";
    }

    /** {@code collections.OrderedDict}: a map that also accepts the instance state a state dict carries. */
    public static final class PyOrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        static Object construct(Object[] args) {
            PyOrderedDict d = new PyOrderedDict();
            if (args.length == 1 && args[0] instanceof List<?> pairs) {
                for (Object p : pairs) {
                    if (p instanceof Object[] kv && kv.length == 2) {
                        d.put(kv[0], kv[1]);
                    } else if (p instanceof List<?> kv && kv.size() == 2) {
                        d.put(kv.get(0), kv.get(1));
                    } else {
                        throw new PickleException("OrderedDict item is not a pair");
                    }
                }
            } else if (args.length != 0) {
                throw new PickleException("OrderedDict called with unexpected arguments");
            }
            return d;
        }

        /** Called by the unpickler's BUILD: the state dict's {@code _metadata} (module versions) is ignored. */
        public void __setstate__(HashMap<?, ?> state) {
            // nothing to keep: _metadata only records module versions
        }
    }
}
