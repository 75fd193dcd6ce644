package io.nsqj.tools;

import io.nsqj.tools.bench.Bench;
import io.nsqj.tools.bench.BenchReader;
import io.nsqj.tools.bench.BenchSink;
import io.nsqj.tools.bench.BenchWriter;
import io.nsqj.tools.cli.ToolExit;
import io.nsqj.tools.nsqtonsq.NsqToNsq;
import io.nsqj.tools.stat.NsqStat;
import io.nsqj.tools.tail.NsqTail;
import io.nsqj.tools.tohttp.NsqToHttp;
import io.nsqj.tools.tonsq.ToNsq;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one entry point of the tools jar: {@code ToolsMain <tool> [flags]}, as bin/'s launchers call it. Each
 * tool is a {@link Tool}; its {@link ToolExit} becomes the process' exit status.
 */
public final class ToolsMain {
    /** A command-line tool: reads its flags, does its work, returns normally for status 0. */
    @FunctionalInterface
    public interface Tool {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Tool> TOOLS = new TreeMap<>();

    static {
        // each tool adds its line here
        TOOLS.put("bench_writer", BenchWriter::run);
        TOOLS.put("bench_reader", BenchReader::run);
        TOOLS.put("bench", Bench::run);
        TOOLS.put("bench_sink", BenchSink::run);
        TOOLS.put("nsq_to_file", io.nsqj.tools.tofile.NsqToFile::run);
        TOOLS.put("nsq_to_http", NsqToHttp::run);
        TOOLS.put("nsq_to_nsq", NsqToNsq::run);
        TOOLS.put("nsq_tail", NsqTail::run);
        TOOLS.put("to_nsq", ToNsq::run);
        TOOLS.put("nsq_stat", NsqStat::run);
    }

    private ToolsMain() {
    }

    /**
     * The client logs through java.util.logging; its default layout takes two lines an entry. One line, with
     * Go's log date, as NSQ's tools print go-nsq's log.
     */
    private static final String CLIENT_LOG_FORMAT = "%1$tY/%1$tm/%1$td %1$tH:%1$tM:%1$tS %4$s: %5$s%6$s%n";

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", CLIENT_LOG_FORMAT);
        }
        if (args.length == 0 || !TOOLS.containsKey(args[0])) {
            System.err.println("usage: ToolsMain <tool> [flags]; tools: " + String.join(", ", TOOLS.keySet()));
            System.exit(2);
        }
        int status = 0;
        try {
            TOOLS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        } catch (ToolExit e) {
            status = e.status();
        } catch (Exception e) {
            System.err.println("FATAL: " + e);
            status = 1;
        }
        System.out.flush();
        // clients' threads are not daemons: the tool's end is the process' end
        System.exit(status);
    }
}
