package dev.hark.importers.torch;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a PyTorch state dict ({@code torch.save(model.state_dict())}) without Python, in both serialisations:
 * the zip archive of PyTorch >= 1.6 ({@code NAME/data.pkl} plus one record {@code NAME/data/KEY} per storage)
 * and the older single stream (magic number, protocol, system-info pickles, the main pickle, the list of
 * storage keys, then each storage as an int64 element count and its raw bytes).
 *
 * <p>The pickle may only name the handful of globals a state dict needs (tensor rebuild calls, storage
 * classes, {@code collections.OrderedDict}); anything else is refused before it is constructed.
 * Storages are read as little-endian (or what the archive's {@code byteorder} record says); float64, float16
 * and bfloat16 storages are converted to float32. Offsets and strides are honoured and every tensor is
 * materialised as a contiguous row-major array.
 */
public final class TorchStateDict {
    /** Which serialisation a file used. */
    public enum Format {
        ZIP("zip archive, PyTorch >= 1.6"),
        LEGACY("legacy single stream, PyTorch < 1.6");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** What was read: tensors by name (sorted) and the serialisation. */
    public record Contents(Map<String, FloatTensor> tensors, Format format) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    private TorchStateDict() {
    }

    /** Reads {@code file}; bad files raise {@link BadInputException} or {@link ModelException} naming the file. */
    public static Contents read(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new Contents(TorchZipReader.read(file), Format.ZIP);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return new Contents(TorchLegacyReader.read(file), Format.LEGACY);
        }
        if (n == 0) {
            throw new BadInputException(file + ": empty file, not a PyTorch state dict");
        }
        throw new BadInputException(file + ": not a PyTorch state dict (neither a torch.save zip archive nor the"
                + " legacy pickle stream)");
    }
}
