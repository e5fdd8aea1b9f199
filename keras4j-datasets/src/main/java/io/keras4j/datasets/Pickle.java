package io.keras4j.datasets;

import io.keras4j.saving.KerasFormatException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.LinkedList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted reader of Python pickles, for exactly what Keras's datasets hold: the CIFAR batches
 * (a dict of bytes keys to a uint8 numpy array and lists, written by Python 2) and the numpy object arrays
 * of IMDB and Reuters (lists of ints). Like keras/src/datasets/npz_utils.py {@code RestrictedUnpickler}
 * it calls no Python code: only {@code numpy.ndarray}, {@code numpy.dtype},
 * {@code numpy[._]core.multiarray._reconstruct} and {@code _codecs.encode} (how Python 3 pickles bytes
 * at protocol 2) are understood; any other global is refused.
 *
 * <p>Python values become: int to Long (BigInteger if larger), float to Double, str to String, bytes (and
 * Python 2 str, read with {@code encoding="bytes"}) to byte[], list to ArrayList, tuple to Object[], dict
 * to LinkedHashMap (bytes keys decoded as Latin-1 strings), None to null, a numpy array to {@link NdArray}.
 */
final class Pickle {
    /** A numpy array: dtype string such as "|u1", "<i8", "|O"; data is byte[] (numeric) or List (object). */
    record NdArray(String dtype, long[] shape, boolean fortran, Object data) {
    }

    private record Global(String module, String name) {
    }

    /** A numpy dtype being unpickled: {@code numpy.dtype("u1", False, True)} then BUILD (3, "<", ...). */
    private static final class Dtype {
        final String code;
        String order = "|";

        Dtype(String code) {
            this.code = code;
        }
    }

    /** An array between {@code _reconstruct} and its BUILD. */
    private static final class Pending {
        NdArray array;
    }

    private final DataInputStream in;
    private final String source;
    private final Deque<Object> stack = new LinkedList<>();
    private final Deque<Deque<Object>> marks = new LinkedList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private Deque<Object> current = stack;

    private Pickle(InputStream in, String source) {
        this.in = new DataInputStream(in);
        this.source = source;
    }

    /** Reads one pickled object; {@code source} names the file in errors. */
    static Object load(InputStream in, String source) {
        try {
            return new Pickle(in, source).run();
        } catch (EOFException e) {
            throw new KerasFormatException(source, "truncated pickle data");
        } catch (IOException e) {
            throw new KerasFormatException(source + ": could not read pickle data: " + e.getMessage(), e);
        } catch (ClassCastException | java.util.NoSuchElementException | IndexOutOfBoundsException e) {
            throw new KerasFormatException(source, "malformed pickle data: " + e);
        }
    }

    private Object run() throws IOException {
        while (true) {
            int op = in.readUnsignedByte();
            switch (op) {
                case 0x80 -> in.readUnsignedByte(); // PROTO
                case 0x95 -> in.readLong(); // FRAME: the frame length is not needed for a stream
                case '(' -> { // MARK
                    marks.push(current);
                    current = new LinkedList<>();
                }
                case '.' -> {
                    return pop();
                }
                case '}' -> push(new LinkedHashMap<>());
                case ']' -> push(new ArrayList<>());
                case ')' -> push(new Object[0]);
                case 't' -> push(popMark().toArray());
                case 0x85 -> push(new Object[]{pop()});
                case 0x86 -> {
                    Object b = pop();
                    push(new Object[]{pop(), b});
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    push(new Object[]{pop(), b, c});
                }
                case 'l' -> push(popMark());
                case 'd' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(key(items.get(i)), items.get(i + 1));
                    }
                    push(dict);
                }
                case 'J' -> push((long) Integer.reverseBytes(in.readInt()));
                case 'K' -> push((long) in.readUnsignedByte());
                case 'M' -> push((long) Short.toUnsignedInt(Short.reverseBytes(in.readShort())));
                case 0x8a -> push(longFrom(bytes(in.readUnsignedByte())));
                case 0x8b -> push(longFrom(bytes(length4())));
                case 'G' -> push(in.readDouble());
                case 'I' -> push(intLine(line()));
                case 'L' -> push(intLine(line().replace("L", "")));
                case 'T' -> push(bytes(length4()));
                case 'U' -> push(bytes(in.readUnsignedByte()));
                case 'B' -> push(bytes(length4()));
                case 'C' -> push(bytes(in.readUnsignedByte()));
                case 0x8e -> push(bytes(length8()));
                case 'X' -> push(new String(bytes(length4()), StandardCharsets.UTF_8));
                case 0x8c -> push(new String(bytes(in.readUnsignedByte()), StandardCharsets.UTF_8));
                case 0x8d -> push(new String(bytes(length8()), StandardCharsets.UTF_8));
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'q' -> memo.put((long) in.readUnsignedByte(), peek());
                case 'r' -> memo.put((long) length4(), peek());
                case 'p' -> memo.put(Long.parseLong(line()), peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(memo(in.readUnsignedByte()));
                case 'j' -> push(memo(length4()));
                case 'g' -> push(memo(Long.parseLong(line())));
                case '0' -> pop();
                case '2' -> push(peek());
                case '1' -> popMark();
                case 'c' -> push(new Global(line(), line()));
                case 0x93 -> {
                    String name = (String) pop();
                    push(new Global((String) pop(), name));
                }
                case 'R' -> {
                    Object[] args = (Object[]) pop();
                    push(reduce(pop(), args));
                }
                case 'b' -> build(pop(), peek());
                case 's' -> {
                    Object value = pop();
                    Object k = pop();
                    dict(peek()).put(key(k), value);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> dict = dict(peek());
                    for (int i = 0; i < items.size(); i += 2) {
                        dict.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 'a' -> {
                    Object value = pop();
                    list(peek()).add(value);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek()).addAll(items);
                }
                default -> throw new KerasFormatException(source, "unsupported pickle opcode 0x" + Integer.toHexString(op));
            }
        }
    }

    private Object reduce(Object callable, Object[] args) {
        if (!(callable instanceof Global g)) {
            throw new KerasFormatException(source, "pickle calls a non-global " + callable);
        }
        String name = g.module() + "." + g.name();
        switch (name) {
            case "_codecs.encode" -> {
                return ((String) args[0]).getBytes(StandardCharsets.ISO_8859_1);
            }
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> {
                return new Pending();
            }
            case "numpy.dtype" -> {
                return new Dtype((String) args[0]);
            }
            default -> throw new KerasFormatException(source, "pickle refers to " + name
                    + ", which is not allowed: only numpy array reconstruction is");
        }
    }

    private void build(Object state, Object target) {
        if (target instanceof Dtype d) {
            Object[] s = (Object[]) state;
            d.order = (String) s[1];
        } else if (target instanceof Pending p) {
            Object[] s = (Object[]) state;
            Object[] shape = (Object[]) s[1];
            long[] dims = Arrays.stream(shape).mapToLong(o -> (Long) o).toArray();
            Dtype d = (Dtype) s[2];
            String dtype = (d.code.startsWith("O") ? "|" : d.order) + d.code.replaceAll("^O\\d*", "O");
            p.array = new NdArray(dtype, dims, Boolean.TRUE.equals(s[3]), s[4] instanceof String str
                    ? str.getBytes(StandardCharsets.ISO_8859_1) : s[4]);
        } else {
            throw new KerasFormatException(source, "pickle sets the state of an unsupported object " + target);
        }
    }

    private void push(Object o) {
        current.push(o);
    }

    private Object pop() {
        Object o = current.pop();
        return o instanceof Pending p ? resolved(p) : o;
    }

    private Object peek() {
        Object o = current.peek();
        if (o == null && current.isEmpty()) {
            throw new KerasFormatException(source, "malformed pickle data: empty stack");
        }
        return o;
    }

    private Object resolved(Pending p) {
        if (p.array == null) {
            throw new KerasFormatException(source, "a numpy array without its state");
        }
        return p.array;
    }

    private List<Object> popMark() {
        List<Object> items = new ArrayList<>();
        while (!current.isEmpty()) {
            Object o = current.pollLast();
            items.add(o instanceof Pending p ? resolved(p) : o);
        }
        current = marks.pop();
        return items;
    }

    private Object memo(long index) {
        if (!memo.containsKey(index)) {
            throw new KerasFormatException(source, "malformed pickle data: memo " + index + " was never set");
        }
        Object o = memo.get(index);
        return o instanceof Pending p && p.array != null ? p.array : o;
    }

    private static Object key(Object k) {
        return k instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : k;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) {
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private int length4() throws IOException {
        int n = Integer.reverseBytes(in.readInt());
        if (n < 0) {
            throw new KerasFormatException(source, "pickle item of negative length " + n);
        }
        return n;
    }

    private int length8() throws IOException {
        long n = Long.reverseBytes(in.readLong());
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new KerasFormatException(source, "pickle item of length " + n + " is not supported");
        }
        return (int) n;
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.readUnsignedByte()) != '\n') {
            s.append((char) c);
        }
        return s.toString();
    }

    private static Object intLine(String text) {
        return switch (text) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> narrow(new BigInteger(text));
        };
    }

    /** Little-endian two's complement, as LONG1/LONG4. */
    private static Object longFrom(byte[] le) {
        if (le.length == 0) {
            return 0L;
        }
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return narrow(new BigInteger(be));
    }

    private static Object narrow(BigInteger v) {
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** The numeric data of an array as a little-endian buffer, for the loaders. */
    static ByteBuffer buffer(NdArray array) {
        return ByteBuffer.wrap((byte[]) array.data()).order(array.dtype().startsWith(">") ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
    }
}
