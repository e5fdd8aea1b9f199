package io.keras4j.datasets;

import io.keras4j.saving.KerasFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.transform.TransformProcess;
import org.datavec.api.writable.Writable;

/**
 * Reads the lines of a CSV file from any byte offset and turns each into numbers through DataVec's
 * {@link CSVRecordReader} parsing (quotes, delimiter) and an optional {@link TransformProcess}; every
 * error names the file, the line and the column.
 */
final class CsvLines {
    /** One parsed line: its values after the transform. */
    interface Visitor {
        /** @return false to stop reading */
        boolean line(long lineNumber, long offset, double[] values);
    }

    private final Path file;
    private final Parser parser;
    private final TransformProcess transform;

    CsvLines(Path file, char delimiter, TransformProcess transform) {
        this.file = file;
        this.parser = new Parser(delimiter);
        this.transform = transform;
    }

    /** Exposes DataVec's line parser. */
    private static final class Parser extends CSVRecordReader {
        Parser(char delimiter) {
            super(0, delimiter);
        }

        List<Writable> parse(String line) {
            return parseLine(line);
        }
    }

    /**
     * Visits the non-blank lines from byte {@code offset}, which is the start of line {@code firstLine}
     * (1-based), skipping the first {@code skip} lines.
     */
    void read(long offset, long firstLine, int skip, Visitor visitor) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long position = offset;
            long start = offset;
            long number = firstLine;
            int b;
            do {
                b = in.read();
                if (b != -1) {
                    position++;
                }
                if (b == '\n' || (b == -1 && line.size() > 0)) {
                    String text = line.toString(StandardCharsets.UTF_8);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (number - firstLine >= skip && !text.isBlank()
                            && !visitor.line(number, start, values(text, number))) {
                        return;
                    }
                    line.reset();
                    number++;
                    start = position;
                } else if (b != -1) {
                    line.write(b);
                }
            } while (b != -1);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read: " + e.getMessage(), e);
        }
    }

    private double[] values(String text, long lineNumber) {
        List<Writable> record;
        try {
            record = parser.parse(text);
        } catch (RuntimeException e) {
            throw new KerasFormatException(file, "line " + lineNumber + ": cannot parse as CSV: " + e.getMessage(), e);
        }
        if (transform != null) {
            int expected = transform.getInitialSchema().numColumns();
            if (record.size() != expected) {
                throw new KerasFormatException(file, "line " + lineNumber + ": expected " + expected
                        + " columns (the transform's schema), got " + record.size());
            }
            try {
                record = transform.execute(record);
            } catch (RuntimeException e) {
                throw new KerasFormatException(file, "line " + lineNumber + ": the transform failed: " + e.getMessage(), e);
            }
        }
        double[] out = new double[record.size()];
        for (int c = 0; c < out.length; c++) {
            Writable w = record.get(c);
            try {
                out[c] = w.toDouble();
            } catch (RuntimeException e) {
                throw new KerasFormatException(file, "line " + lineNumber + ", column " + (c + 1) + ": '" + w
                        + "' is not a number");
            }
        }
        return out;
    }
}
