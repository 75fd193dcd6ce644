package io.nsqj.tools.tofile;

import io.nsqj.protocol.GoDuration;
import io.nsqj.tools.cli.AppLogger;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.zip.GZIPOutputStream;

/**
 * A topic's output file and NSQ's rules for it: the name from the filename format at the current time, a new
 * file when that name changes, after {@code -rotate-interval}, or past {@code -rotate-size}; revisions
 * ({@code <REV>}) so that no existing file is overwritten; gzip as one gzip member per sync, so that a file's
 * complete members hold exactly the synced messages; written in the work dir and moved to the output dir when
 * closed, never over an existing file.
 *
 * <p>Not thread-safe: its {@link FileLogger}'s router thread owns it.
 */
final class RotatingFile {
    private static final int BUFFER = 64 * 1024;

    private final ToFileOptions opts;
    private final FilenameFormat format;
    private final String logTag;
    private final AppLogger log;
    private final Clock clock;

    private FileChannel out;
    private Path path;
    private OutputStream buffered;
    private Gzip gzip;
    private OutputStream writer;
    /** The name from the format the file was opened under, with {@code <REV>} still in it. */
    private String filename;
    private Instant openTime;
    /** As NSQ counts it: the file's size when opened plus the bytes written since, before compression. */
    private long filesize;
    private int rev;

    RotatingFile(ToFileOptions opts, FilenameFormat format, String logTag, AppLogger log, Clock clock) {
        this.opts = opts;
        this.format = format;
        this.logTag = logTag;
        this.log = log;
        this.clock = clock;
    }

    boolean isOpen() {
        return out != null;
    }

    private String currentFilename() {
        return format.at(ZonedDateTime.now(clock));
    }

    boolean needsRotation() {
        if (out == null) {
            return true;
        }
        String name = currentFilename();
        if (!name.equals(filename)) {
            log.info("%s new filename %s, rotating...", logTag, name);
            return true;
        }
        if (opts.rotateInterval().toNanos() > 0) {
            Duration open = Duration.between(openTime, clock.instant());
            if (open.compareTo(opts.rotateInterval()) > 0) {
                log.info("%s %s since last open, rotating...", logTag, GoDuration.format(open.toNanos()));
                return true;
            }
        }
        if (opts.rotateSize() > 0 && filesize > opts.rotateSize()) {
            log.info("%s %s currently %d bytes (> %d), rotating...", logTag, path, filesize, opts.rotateSize());
            return true;
        }
        return false;
    }

    /**
     * Opens the next file, once the current one is closed: revision 0 for a new name, else the next revision,
     * skipping every revision that exists in the work dir or the output dir, or that is already past
     * {@code -rotate-size}.
     */
    void openNext() throws IOException {
        if (out != null) {
            throw new IllegalStateException("the current file is still open: " + path);
        }
        String name = currentFilename();
        rev = name.equals(filename) ? rev + 1 : 0;
        filename = name;
        openTime = clock.instant();
        Path template = opts.workDir().resolve(name).normalize();
        createParent(template);
        for (;; rev++) {
            Path candidate = Path.of(FilenameFormat.withRevision(template.toString(), rev));
            if (opts.movesFiles()) {
                Path destination = destinationOf(candidate);
                createParent(destination);
                if (Files.exists(destination)) {
                    log.warn("%s output file already exists: %s", logTag, destination);
                    continue;
                }
            }
            FileChannel opened;
            try {
                opened = FileChannel.open(candidate, openOptions());
            } catch (FileAlreadyExistsException e) {
                log.warn("%s working file already exists: %s", logTag, candidate);
                continue;
            }
            log.info("%s opening %s", logTag, candidate);
            long size = opened.size();
            if (opts.rotateSize() > 0 && size > opts.rotateSize()) {
                log.info("%s %s currently %d bytes (> %d), rotating...", logTag, candidate, size, opts.rotateSize());
                opened.close();
                continue;
            }
            out = opened;
            path = candidate;
            filesize = size;
            break;
        }
        buffered = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(out)), BUFFER);
        if (opts.gzip()) {
            gzip = new Gzip(buffered, opts.gzipLevel());
            writer = gzip;
        } else {
            writer = buffered;
        }
    }

    /** Gzip and interval rotation always start a new file; otherwise an existing file is appended to. */
    private OpenOption[] openOptions() {
        if (opts.gzip() || opts.rotateInterval().toNanos() > 0) {
            return new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW};
        }
        return new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.APPEND};
    }

    /** One message: its body and a newline. Nothing is durable before {@link #sync}. */
    void write(byte[] body) throws IOException {
        writer.write(body);
        filesize += body.length;
        writer.write('\n');
        filesize++;
    }

    /** Makes what was written durable: ends the gzip member (a new one follows), flushes, fsyncs. */
    void sync() throws IOException {
        if (gzip != null) {
            gzip.end();
            buffered.flush();
            out.force(true);
            gzip = new Gzip(buffered, opts.gzipLevel());
            writer = gzip;
        } else {
            buffered.flush();
            out.force(true);
        }
    }

    /**
     * Syncs and closes the file, then moves it from the work dir to the output dir, under the next free
     * revision when its name is taken there. An exception means what was written may not be durable; a move
     * that fails leaves the durable file in the work dir, logged.
     */
    void close() throws IOException {
        if (out == null) {
            return;
        }
        FileChannel closing = out;
        out = null;
        try {
            if (gzip != null) {
                gzip.end();
                gzip = null;
            }
            buffered.flush();
            closing.force(true);
        } finally {
            closing.close();
        }
        if (opts.movesFiles()) {
            move(path);
        }
    }

    /** After a failed write or sync: let the file go without caring for what it holds. */
    void abandon() {
        if (out == null) {
            return;
        }
        if (gzip != null) {
            gzip.release();
            gzip = null;
        }
        try {
            out.close();
        } catch (IOException e) {
            log.error("%s failed to close output file: %s", logTag, e.getMessage());
        }
        out = null;
    }

    private void move(Path source) {
        Path destination = destinationOf(source);
        log.info("%s moving finished file %s to %s", logTag, source, destination);
        try {
            if (exclusiveRename(source, destination)) {
                return;
            }
            Path template = destinationOf(opts.workDir().resolve(filename).normalize());
            for (int next = rev + 1; ; next++) {
                log.warn("%s destination file already exists: %s", logTag, destination);
                destination = Path.of(FilenameFormat.withRevision(template.toString(), next));
                if (exclusiveRename(source, destination)) {
                    log.info("%s renamed finished file %s to %s to avoid overwrite", logTag, source, destination);
                    return;
                }
            }
        } catch (IOException e) {
            log.error("%s unable to move file from %s to %s: %s", logTag, source, destination, e);
        }
    }

    /** A rename that never replaces: a hard link, then the old name removed. False when the name is taken. */
    private static boolean exclusiveRename(Path source, Path destination) throws IOException {
        try {
            Files.createLink(destination, source);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.delete(source);
        return true;
    }

    private Path destinationOf(Path inWorkDir) {
        Path work = opts.workDir().normalize();
        return opts.outputDir().resolve(work.relativize(inWorkDir)).normalize();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** The file channel stays open when a gzip member or buffer is done with. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** One gzip member at a chosen level, ended without closing what it writes to. */
    private static final class Gzip extends GZIPOutputStream {
        Gzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level);
        }

        void end() throws IOException {
            finish();
            release();
        }

        void release() {
            def.end();
        }
    }
}
