package io.nsqj.tools.tofile;

import io.nsqj.protocol.LocalHostname;

import java.time.ZonedDateTime;

/**
 * A topic's {@code -filename-format} with everything but {@code <DATETIME>} and {@code <REV>} replaced, as
 * NSQ computes it once per topic: {@code <TOPIC>}, {@code <HOST>} (the short hostname, or
 * {@code -host-identifier} with its {@code <SHORT_HOST>} and {@code <HOSTNAME>}), {@code <PID>}, and
 * {@code .gz} added under {@code -gzip}.
 */
final class FilenameFormat {
    static final String REV = "<REV>";

    private final String template;
    private final String datetimeFormat;

    private FilenameFormat(String template, String datetimeFormat) {
        this.template = template;
        this.datetimeFormat = datetimeFormat;
    }

    /**
     * Throws {@link IllegalArgumentException} with NSQ's message when {@code <REV>} is missing but needed: a
     * name may then have to take a new revision (gzip and rotation never append, a work dir must not
     * overwrite in the output dir).
     */
    static FilenameFormat forTopic(ToFileOptions opts, String topic) {
        return forTopic(opts, topic, LocalHostname.get(), ProcessHandle.current().pid());
    }

    static FilenameFormat forTopic(ToFileOptions opts, String topic, String hostname, long pid) {
        String shortHostname = hostname.split("\\.", -1)[0];
        String identifier = shortHostname;
        if (!opts.hostIdentifier().isEmpty()) {
            identifier = opts.hostIdentifier().replace("<SHORT_HOST>", shortHostname).replace("<HOSTNAME>", hostname);
        }
        String f = opts.filenameFormat();
        if (opts.gzip() || opts.rotateSize() > 0 || opts.rotateInterval().toNanos() > 0 || opts.movesFiles()) {
            if (!f.contains(REV)) {
                throw new IllegalArgumentException("missing <REV> in --filename-format when gzip, rotation, or work dir enabled");
            }
        } else {
            f = f.replace(REV, "");
        }
        f = f.replace("<TOPIC>", topic).replace("<HOST>", identifier).replace("<PID>", Long.toString(pid));
        if (opts.gzip() && !f.endsWith(".gz")) {
            f += ".gz";
        }
        return new FilenameFormat(f, opts.datetimeFormat());
    }

    /** The name for a file opened at {@code now}, still holding {@code <REV>} where the format has it. */
    String at(ZonedDateTime now) {
        return template.replace("<DATETIME>", Strftime.format(datetimeFormat, now));
    }

    /** A name from {@link #at} with its revision: {@code -000003}. */
    static String withRevision(String name, int rev) {
        return name.replace(REV, String.format("-%06d", rev));
    }
}
