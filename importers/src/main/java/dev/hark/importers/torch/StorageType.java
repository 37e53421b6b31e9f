package dev.hark.importers.torch;

import dev.hark.importers.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/** Storage classes a state dict may name, with their element size; all are read as float32. */
public enum StorageType implements IObjectConstructor {
    FLOAT("FloatStorage", 4),
    DOUBLE("DoubleStorage", 8),
    HALF("HalfStorage", 2),
    BFLOAT16("BFloat16Storage", 2);

    final String className;
    final int bytes;

    StorageType(String className, int bytes) {
        this.className = className;
        this.bytes = bytes;
    }

    @Override
    public Object construct(Object[] args) {
        throw new PickleException("torch." + className + " is only allowed as a storage type, not as a call");
    }

    float[] decode(byte[] raw, ByteOrder order) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(order);
        float[] out = new float[raw.length / bytes];
        switch (this) {
            case FLOAT -> b.asFloatBuffer().get(out);
            case DOUBLE -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case HALF -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = FloatTensor.halfToFloat(b.getShort(i * 2));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
