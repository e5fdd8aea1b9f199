package io.keras4j.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a TensorBoard event file back for tests, independently of the writer: TFRecord framing with both CRC
 * checks (computed here from the TFRecord definition), then the Event protobuf decoded field by field with the field
 * numbers of tensorflow/core/util/event.proto and friends. Checked on a file TensorFlow wrote
 * ({@code EventsReferenceTest}).
 */
final class EventReader {
    private EventReader() {
    }

    /** One decoded event and its raw record bytes. */
    record Event(byte[] raw, double wallTime, long step, String fileVersion, String sourceWriter, List<Value> values) {
        Value value() {
            if (values.size() != 1) {
                throw new AssertionError("expected one summary value, got " + values.size());
            }
            return values.get(0);
        }
    }

    /** One {@code Summary.Value}: the tag, its plugin, and its tensor. */
    record Value(String tag, String pluginName, String pluginContent, int dtype, List<Long> shape, byte[] tensorContent,
                 List<String> stringVal) {
        /** A scalar tensor summary's float value. */
        float scalar() {
            if (dtype != 1 || !shape.isEmpty() || tensorContent.length != 4) {
                throw new AssertionError(tag + " is not a float32 scalar: dtype " + dtype + " shape " + shape);
            }
            return ByteBuffer.wrap(tensorContent).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        }

        /** A histogram summary's rows {@code [left, right, count]}. */
        double[][] histogram() {
            if (dtype != 2 || shape.size() != 2 || shape.get(1) != 3) {
                throw new AssertionError(tag + " is not a [k, 3] float64 tensor: dtype " + dtype + " shape " + shape);
            }
            ByteBuffer b = ByteBuffer.wrap(tensorContent).order(ByteOrder.LITTLE_ENDIAN);
            double[][] rows = new double[(int) (long) shape.get(0)][3];
            for (double[] row : rows) {
                for (int j = 0; j < 3; j++) {
                    row[j] = b.getDouble();
                }
            }
            return rows;
        }
    }

    static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] length = new byte[8];
            in.get(length);
            checkCrc(file, "length", length, in.getInt());
            byte[] data = new byte[(int) ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong()];
            in.get(data);
            checkCrc(file, "data", data, in.getInt());
            events.add(event(data));
        }
        return events;
    }

    private static void checkCrc(Path file, String what, byte[] data, int stored) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        int masked = Integer.rotateRight(c, 15) + 0xa282ead8;
        if (masked != stored) {
            throw new AssertionError(file + ": bad " + what + " CRC");
        }
    }

    private static Event event(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        String sourceWriter = null;
        List<Value> values = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> wallTime = in.readDouble();
                case 2 -> step = in.readInt64();
                case 3 -> fileVersion = in.readString();
                case 5 -> values.addAll(summary(in.readByteArray()));
                case 10 -> sourceWriter = firstString(in.readByteArray(), 1);
                default -> throw new AssertionError("unexpected Event field " + WireFormat.getTagFieldNumber(tag));
            }
        }
        return new Event(data, wallTime, step, fileVersion, sourceWriter, values);
    }

    private static List<Value> summary(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        List<Value> values = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                throw new AssertionError("unexpected Summary field " + WireFormat.getTagFieldNumber(tag));
            }
            values.add(value(in.readByteArray()));
        }
        return values;
    }

    private static Value value(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        String tagName = null;
        String pluginName = null;
        String pluginContent = null;
        int dtype = 0;
        List<Long> shape = new ArrayList<>();
        byte[] content = new byte[0];
        List<String> strings = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> tagName = in.readString();
                case 9 -> {   // SummaryMetadata.plugin_data (1): plugin_name (1), content (2)
                    byte[] pluginData = firstBytes(in.readByteArray(), 1);
                    pluginName = firstString(pluginData, 1);
                    pluginContent = firstString(pluginData, 2);
                }
                case 8 -> {   // TensorProto: dtype (1), tensor_shape (2), tensor_content (4), string_val (8)
                    CodedInputStream t = CodedInputStream.newInstance(in.readByteArray());
                    for (int f = t.readTag(); f != 0; f = t.readTag()) {
                        switch (WireFormat.getTagFieldNumber(f)) {
                            case 1 -> dtype = t.readEnum();
                            case 2 -> {   // TensorShapeProto.dim (2): size (1)
                                CodedInputStream s = CodedInputStream.newInstance(t.readByteArray());
                                for (int d = s.readTag(); d != 0; d = s.readTag()) {
                                    byte[] dim = s.readByteArray();
                                    CodedInputStream ds = CodedInputStream.newInstance(dim);
                                    long size = 0;
                                    for (int g = ds.readTag(); g != 0; g = ds.readTag()) {
                                        size = ds.readInt64();
                                    }
                                    shape.add(size);
                                }
                            }
                            case 4 -> content = t.readByteArray();
                            case 8 -> strings.add(t.readStringRequireUtf8());
                            default -> throw new AssertionError("unexpected TensorProto field " + WireFormat.getTagFieldNumber(f));
                        }
                    }
                }
                default -> throw new AssertionError("unexpected Summary.Value field " + WireFormat.getTagFieldNumber(tag));
            }
        }
        return new Value(tagName, pluginName, pluginContent, dtype, shape, content, strings);
    }

    private static byte[] firstBytes(byte[] message, int field) throws IOException {
        if (message == null) {
            return null;
        }
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field) {
                return in.readByteArray();
            }
            in.skipField(tag);
        }
        return null;
    }

    private static String firstString(byte[] message, int field) throws IOException {
        byte[] bytes = firstBytes(message, field);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
