package dev.hark.spark;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The files the embedding job reads, listed on the driver: paths, directory trees (every audio file under them) and
 * globs on any file system Hadoop reads ({@code file:}, {@code hdfs:}, {@code s3a:} ...), a list file naming one
 * path a line, or a data set directory in one of the layouts Hark reads (labels and folds; on the local file system).
 */
final class CorpusInputs {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Audio files, directories (every audio file under them) or globs, on any file system Hadoop "
                    + "reads (e.g. hdfs://nn/corpus/**.wav is written hdfs://nn/corpus/*/*.wav).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--list", paramLabel = "PATHS.txt",
            description = "A file naming one audio file a line (relative to the list's folder; # comments).")
    String list;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "A data set directory (ESC-50, UrbanSound8K or folder per class): labels and folds.")
    Path dataset;

    /** The chosen clips and whether they carry labels. */
    record Selection(List<InputClip> clips, boolean labelled) {
    }

    /** Lists exactly one of the three inputs (else a usage error); prints a data set's summary. */
    Selection select(String command, Configuration conf, PrintWriter out) {
        int sources = (paths.isEmpty() ? 0 : 1) + (list == null ? 0 : 1) + (dataset == null ? 0 : 1);
        if (sources != 1) {
            throw new BadInputException(command + ": give exactly one of PATH..., --list PATHS.txt or --dataset DIR");
        }
        try {
            if (dataset != null) {
                Dataset ds = Dataset.open(dataset);
                out.println(ds);
                FileSystem local = FileSystem.getLocal(conf);
                List<InputClip> clips = new ArrayList<>(ds.clips().size());
                for (Clip c : ds.clips()) {
                    String p = local.makeQualified(new org.apache.hadoop.fs.Path(c.path().toAbsolutePath().toString()))
                            .toString();
                    clips.add(new InputClip(p, c.label(), c.labelIndex(), c.fold() > 0 ? c.fold() : null));
                }
                return new Selection(clips, true);
            }
            List<String> named = list != null ? readList(list, conf) : paths;
            List<InputClip> clips = new ArrayList<>();
            for (String p : named) {
                for (String f : expand(p, conf)) {
                    clips.add(new InputClip(f, null, null, null));
                }
            }
            if (clips.isEmpty()) {
                throw new BadInputException(command + ": no audio file in " + String.join(" ", named));
            }
            return new Selection(clips, false);
        } catch (IOException e) {
            throw new BadInputException(command + ": cannot list the inputs: " + e.getMessage());
        }
    }

    /** The files {@code p} names: itself, the audio files under a directory, or a glob's matches (sorted). */
    static List<String> expand(String p, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(p);
        FileSystem fs = path.getFileSystem(conf);
        List<String> out = new ArrayList<>();
        if (p.matches(".*[*?\\[{].*")) {
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new BadInputException(p + ": matches no file");
            }
            for (FileStatus s : matches) {
                if (s.isDirectory()) {
                    out.addAll(expand(s.getPath().toString(), conf));
                } else {
                    out.add(fs.makeQualified(s.getPath()).toString());
                }
            }
        } else if (fs.exists(path) && fs.getFileStatus(path).isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
            while (it.hasNext()) {
                LocatedFileStatus s = it.next();
                if (s.isFile() && isAudio(s.getPath().getName())) {
                    out.add(fs.makeQualified(s.getPath()).toString());
                }
            }
        } else {
            // a file, or a missing one: the job reports what is wrong with it in the errors table
            out.add(fs.makeQualified(path).toString());
        }
        out.sort(null);
        return out;
    }

    /** The paths a list file names (on any file system), relative ones resolved against the list's folder. */
    static List<String> readList(String list, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path lp = new org.apache.hadoop.fs.Path(list);
        FileSystem fs = lp.getFileSystem(conf);
        org.apache.hadoop.fs.Path base = fs.makeQualified(lp).getParent();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(lp), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(t);
                out.add((p.isAbsolute() || p.toUri().getScheme() != null ? p : new org.apache.hadoop.fs.Path(base, t))
                        .toString());
            }
        } catch (java.io.FileNotFoundException e) {
            throw new BadInputException("--list " + list + ": no such file");
        }
        if (out.isEmpty()) {
            throw new BadInputException("--list " + list + ": names no files (expected one path a line)");
        }
        return out;
    }

    private static boolean isAudio(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && Dataset.AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
