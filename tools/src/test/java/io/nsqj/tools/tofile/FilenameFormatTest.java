package io.nsqj.tools.tofile;

import io.nsqj.tools.cli.FlagSet;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilenameFormatTest {
    private static final ZonedDateTime T = ZonedDateTime.of(2024, 3, 7, 15, 4, 5, 0, ZoneId.of("UTC"));

    private static ToFileOptions options(String... flags) {
        String[] all = new String[flags.length + 2];
        all[0] = "-nsqd-tcp-address=127.0.0.1:4150";
        all[1] = "-topic=t";
        System.arraycopy(flags, 0, all, 2, flags.length);
        FlagSet set = ToFileOptions.flags().parse(all);
        return ToFileOptions.from(set);
    }

    private static String name(ToFileOptions opts) {
        return FilenameFormat.forTopic(opts, "clicks", "web-3.example.com", 4242).at(T);
    }

    @Test
    void withoutRevisionsTheRevIsDropped() {
        assertEquals("clicks.web-3.2024-03-07_15.log", name(options()));
    }

    @Test
    void gzipKeepsTheRevAndAddsGz() {
        String n = name(options("-gzip"));
        assertEquals("clicks.web-3<REV>.2024-03-07_15.log.gz", n);
        assertEquals("clicks.web-3-000012.2024-03-07_15.log.gz", FilenameFormat.withRevision(n, 12));
    }

    @Test
    void hostIdentifierAndPidAreReplaced() {
        assertEquals("clicks.web-3@web-3.example.com.4242.log", name(options("-host-identifier",
                "<SHORT_HOST>@<HOSTNAME>", "-filename-format", "<TOPIC>.<HOST>.<PID>.log")));
    }

    @Test
    void rotationOrAWorkDirNeedTheRev() {
        for (String[] flags : new String[][] {{"-gzip"}, {"-rotate-size", "10"}, {"-rotate-interval", "1m"},
                {"-work-dir", "/tmp/work"}}) {
            String[] all = new String[flags.length + 2];
            System.arraycopy(flags, 0, all, 0, flags.length);
            all[flags.length] = "-filename-format";
            all[flags.length + 1] = "<TOPIC>.<DATETIME>.log";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> name(options(all)));
            assertEquals("missing <REV> in --filename-format when gzip, rotation, or work dir enabled", e.getMessage());
        }
    }
}
