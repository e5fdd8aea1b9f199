package io.keras4j.saving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The header of a {@code .npy} file: dtype, byte order, memory order and shape, as
 * numpy/lib/format.py {@code read_array_header_1_0/2_0} and {@code write_array_header_1_0}.
 * {@code dataOffset} is the header's length in bytes: where the data starts.
 */
record NpyHeader(DataType dataType, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes. */
    private static final int ALIGN = 64;
    /** Far above any numeric header; refuses hostile lengths before reading them. */
    private static final int MAX_HEADER = 1 << 20;
    /** ND4J's largest rank. */
    private static final int MAX_RANK = 32;
    /** NumPy descr (without byte-order character) for each supported ND4J type. */
    private static final Map<String, DataType> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("f2", DataType.HALF);
        KINDS.put("f4", DataType.FLOAT);
        KINDS.put("f8", DataType.DOUBLE);
        KINDS.put("i1", DataType.BYTE);
        KINDS.put("i2", DataType.SHORT);
        KINDS.put("i4", DataType.INT);
        KINDS.put("i8", DataType.LONG);
        KINDS.put("u1", DataType.UBYTE);
        KINDS.put("u2", DataType.UINT16);
        KINDS.put("u4", DataType.UINT32);
        KINDS.put("u8", DataType.UINT64);
        KINDS.put("b1", DataType.BOOL);
    }

    /** Reads and checks magic, version and header dict; leaves {@code in} at the first data byte. */
    static NpyHeader read(InputStream in, String source) throws IOException {
        byte[] start = readFully(in, MAGIC.length + 2, source, "the magic string and version");
        if (!Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
            throw new KerasFormatException(source, "not a .npy file: bad magic string (expected \\x93NUMPY)");
        }
        int major = start[6];
        if (major < 1 || major > 3 || start[7] != 0) {
            throw new KerasFormatException(source, "unsupported .npy format version " + major + "." + start[7]);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer len = ByteBuffer.wrap(readFully(in, lengthBytes, source, "the header length"))
                .order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? Short.toUnsignedInt(len.getShort()) : Integer.toUnsignedLong(len.getInt());
        if (headerLength > MAX_HEADER) {
            throw new KerasFormatException(source, "header length " + headerLength + " exceeds " + MAX_HEADER + " bytes");
        }
        byte[] dict = readFully(in, (int) headerLength, source, "the header");
        String text = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parse(text, source, MAGIC.length + 2 + lengthBytes + headerLength);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new KerasFormatException(source, "truncated: expected " + n + " bytes of " + what + ", got " + bytes.length);
        }
        return bytes;
    }

    private static NpyHeader parse(String text, String source, long dataOffset) {
        Map<String, Object> dict = new DictParser(text, source).parse();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new KerasFormatException(source, "header must have exactly the keys descr, fortran_order, shape; got "
                    + dict.keySet());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new KerasFormatException(source, "descr must be a string, got " + dict.get("descr"));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new KerasFormatException(source, "fortran_order must be True or False, got " + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new KerasFormatException(source, "shape must be a tuple of integers, got " + dict.get("shape"));
        }
        if (shape.length > MAX_RANK) {
            throw new KerasFormatException(source, "rank " + shape.length + " exceeds ND4J's maximum rank " + MAX_RANK);
        }
        return new NpyHeader(dataType(descr, source), order(descr), fortran, shape, dataOffset);
    }

    private static DataType dataType(String descr, String source) {
        if (descr.length() == 3 && "<>|=".indexOf(descr.charAt(0)) >= 0 && KINDS.containsKey(descr.substring(1))) {
            return KINDS.get(descr.substring(1));
        }
        if (descr.endsWith("O")) {
            throw new KerasFormatException(source, "object arrays (dtype '" + descr
                    + "') hold pickled Python objects and are not supported");
        }
        throw new KerasFormatException(source, "unsupported dtype '" + descr + "'; supported: " + KINDS.keySet()
                + " with byte order '<', '>' or '|'");
    }

    private static ByteOrder order(String descr) {
        return switch (descr.charAt(0)) {
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> ByteOrder.LITTLE_ENDIAN;
        };
    }

    /** The header for writing {@code shape} of {@code type}, C order, little-endian. */
    static NpyHeader forWriting(DataType type, long[] shape) {
        if (!KINDS.containsValue(type)) {
            throw new IllegalArgumentException("Npy cannot write dtype " + type + "; supported: " + KINDS.values());
        }
        return new NpyHeader(type, ByteOrder.LITTLE_ENDIAN, false, shape, 0);
    }

    /** NumPy's descr, e.g. {@code <f4} or {@code |u1}. */
    String descr() {
        String kind = KINDS.entrySet().stream().filter(e -> e.getValue() == dataType).findFirst().orElseThrow().getKey();
        char byteOrder = dataType.width() == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        return byteOrder + kind;
    }

    /** Magic, version, length and padded dict: version 1.0 unless the dict needs more than 65535 bytes. */
    byte[] encode() {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        Arrays.stream(shape).forEach(d -> dims.add(Long.toString(d)));
        String dict = "{'descr': '" + descr() + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + dims + ", }";
        int major = dict.length() + 1 + MAGIC.length + 4 > 65535 ? 2 : 1;
        int prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        int total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        String padded = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) padded.length());
        } else {
            out.putInt(padded.length());
        }
        return out.put(padded.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    /** The number of data bytes the header declares, checked for overflow. */
    long dataBytes(String source) {
        try {
            long n = dataType.width();
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        } catch (ArithmeticException e) {
            throw new KerasFormatException(source, "declared shape " + Arrays.toString(shape) + " of '" + descr()
                    + "' overflows a 64-bit byte count");
        }
    }

    /** A parser for the Python literal dict numpy writes: strings, True/False and tuples of ints. */
    private static final class DictParser {
        private final String text;
        private final String source;
        private int pos;

        DictParser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Map<String, Object> parse() {
            Map<String, Object> dict = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                Object key = value();
                if (!(key instanceof String name)) {
                    throw error("dict key must be a string");
                }
                expect(':');
                if (dict.put(name, value()) != null) {
                    throw error("duplicate key '" + name + "'");
                }
                if (peek() != '}') {
                    expect(',');
                }
            }
            expect('}');
            return dict;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String s = text.substring(pos + 1, end);
                pos = end + 1;
                return s;
            }
            if (c == '(') {
                return tuple();
            }
            if (text.startsWith("True", pos) || text.startsWith("False", pos)) {
                boolean b = text.startsWith("True", pos);
                pos += b ? 4 : 5;
                return b;
            }
            if (c == '[') {
                throw new KerasFormatException(source, "structured dtypes (a list as descr) are not supported");
            }
            throw error("unexpected character '" + c + "'");
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                int start = pos;
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '-')) {
                    pos++;
                }
                String digits = text.substring(start, pos);
                if (pos < text.length() && text.charAt(pos) == 'L') {
                    pos++; // Python 2 long literal, e.g. (3L, 4L)
                }
                dims.add(dimension(digits));
                if (peek() != ')') {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long dimension(String digits) {
            long d;
            try {
                d = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("bad dimension '" + digits + "' in shape");
            }
            if (d < 0) {
                throw error("negative dimension " + d + " in shape");
            }
            return d;
        }

        private char peek() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                throw error("header dict ends early");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private KerasFormatException error(String what) {
            String shown = text.strip();
            shown = shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
            return new KerasFormatException(source, "bad header dict: " + what + " at position " + pos + " in " + shown);
        }
    }
}
