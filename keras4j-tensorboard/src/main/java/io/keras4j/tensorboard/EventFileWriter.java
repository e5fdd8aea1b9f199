package io.keras4j.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One TensorBoard event file, as TensorFlow's {@code EventsWriter}: named
 * {@code events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2} ({@code n} counts the files this process opened), starting
 * with the {@code file_version} event, then one TFRecord per event: the data's length (uint64, little-endian), the
 * masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data. An event file is an append-only log
 * that TensorBoard reads while it grows; {@link #flush} makes the records written so far visible to it.
 */
final class EventFileWriter implements Closeable {
    /** TensorFlow's process-wide counter of event files ({@code GetUniqueId}). */
    private static final AtomicLong FILES_OPENED = new AtomicLong();
    /** Added to a rotated CRC so that a CRC of data holding CRCs stays well distributed (TFRecord's {@code Mask}). */
    private static final int CRC_MASK_DELTA = 0xa282ead8;

    private final Path path;
    private final OutputStream out;

    /** Creates {@code dir} if needed and opens a new event file in it; the file_version event is written at once. */
    EventFileWriter(Path dir) {
        Instant now = Instant.now();
        String name = String.format("events.out.tfevents.%010d.%s.%d.%d.v2", now.getEpochSecond(), hostName(),
                ProcessHandle.current().pid(), FILES_OPENED.getAndIncrement());
        this.path = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot create the event file " + path + ": " + e, e);
        }
        write(Events.fileVersion(now.getEpochSecond(), "keras4j"));
        flush();
    }

    /** The file's path. */
    Path path() {
        return path;
    }

    /** Appends one serialized {@code Event} as a TFRecord. */
    synchronized void write(byte[] event) {
        byte[] length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(event.length).array();
        ByteBuffer record = ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES + event.length).order(ByteOrder.LITTLE_ENDIAN);
        record.put(length).putInt(maskedCrc32c(length)).put(event).putInt(maskedCrc32c(event));
        try {
            out.write(record.array());
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot write " + path + ": " + e, e);
        }
    }

    /** Pushes the buffered records to the file. */
    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot write " + path + ": " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard: cannot close " + path + ": " + e, e);
        }
    }

    /** TFRecord's masked CRC: the CRC-32C rotated right by 15 bits plus {@link #CRC_MASK_DELTA}. */
    static int maskedCrc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + CRC_MASK_DELTA;
    }

    /** The host name in the file name, as TensorFlow's {@code port::Hostname()}; "localhost" if unknown. */
    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
