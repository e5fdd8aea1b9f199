package io.keras4j.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Streams epoch results to a CSV file, as keras/src/callbacks/csv_logger.py {@code CSVLogger}: a header
 * {@code epoch,<sorted log keys>} (plus {@code val_} columns filled with "NA" when the first epoch had no
 * validation), then one row per epoch with the 0-based epoch and the values printed as Python prints
 * floats; rows end with "\r\n" like Python's csv module. {@code append} adds to an existing file and
 * writes the header only if the file is empty.
 *
 * <pre>{@code
 * new CSVLogger("training.log")
 * }</pre>
 */
public class CSVLogger extends Callback {
    private final Path filename;
    private final String separator;
    private final boolean append;
    private Writer writer;
    private List<String> keys;
    private boolean appendHeader;

    public CSVLogger(String filename) {
        this(filename, ",", false);
    }

    public CSVLogger(String filename, String separator, boolean append) {
        this.filename = Path.of(filename);
        this.separator = separator;
        this.append = append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            appendHeader = true;
            if (append && Files.exists(filename)) {
                appendHeader = Files.size(filename) == 0;
            }
            closeWriter();
            writer = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot open " + filename, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null) {
                keys = new ArrayList<>(new TreeSet<>(logs.keySet()));
                if (keys.stream().noneMatch(k -> k.startsWith("val_")) && !keys.isEmpty()) {
                    List<String> val = keys.stream().map(k -> "val_" + k).toList();
                    keys.addAll(val);
                }
                if (appendHeader) {
                    writer.write("epoch" + (keys.isEmpty() ? "" : separator + String.join(separator, keys)) + "\r\n");
                }
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(separator).append(v == null ? "NA" : pythonRepr(v));
            }
            writer.write(row.append("\r\n").toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot write " + filename, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            closeWriter();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger: cannot close " + filename, e);
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** A double as Python's {@code repr(float)}: shortest digits, exponent form below 1e-4 and from 1e16. */
    static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = d.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
