package io.chainbeasts.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A dataset in a local file: CSV, HDF5 or packed, optionally required to be of one kind. */
public final class FileProducer implements SampleProducer {
    private final Path file;
    private final Formats.Kind required;

    private FileProducer(Path file, Formats.Kind required) {
        this.file = file;
        this.required = required;
    }

    public static FileProducer csv(Path file) {
        return new FileProducer(file, Formats.Kind.CSV);
    }

    public static FileProducer hdf5(Path file) {
        return new FileProducer(file, Formats.Kind.HDF5);
    }

    public static FileProducer packed(Path file) {
        return new FileProducer(file, Formats.Kind.PACKED);
    }

    /** Any supported format, detected from the content. */
    public static FileProducer any(Path file) {
        return new FileProducer(file, null);
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public String sourceKey() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return "file:" + file.toAbsolutePath().normalize() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new DatasetException.Fetch("cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
    }

    @Override
    public byte[] fetch() {
        byte[] data = AtomicFiles.read(file);
        if (required != null && Formats.detect(data) != required) {
            throw new DatasetException(file + ": expected a " + describe(required) + " file, found " + describe(Formats.detect(data)));
        }
        return data;
    }

    static String describe(Formats.Kind k) {
        switch (k) {
            case HDF5: return "HDF5";
            case PACKED: return "packed (zstd)";
            default: return "CSV";
        }
    }
}
