package io.nsqj.it;

import io.nsqj.testsupport.HttpAnswer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One GET /q/metrics, parsed from Prometheus' text format into samples and the TYPE of each family. */
final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private Scrape(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    static Scrape of(String httpUrl) {
        HttpAnswer a = HttpAnswer.get(httpUrl + "/q/metrics");
        if (a.status() != 200) {
            throw new IllegalStateException("/q/metrics answered " + a.status() + ": " + a.body());
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : a.body().split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.startsWith("#") && !line.isBlank()) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("not a sample: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            }
        }
        return new Scrape(samples, types);
    }

    /** The samples of this name whose labels include every one of {@code having}. */
    List<Sample> find(String name, Map<String, String> having) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(having.entrySet()))
                .toList();
    }

    /** Every sample, of any nsq_ name, with this label value. */
    List<Sample> withLabel(String label, String value) {
        return samples.stream()
                .filter(s -> s.name().startsWith("nsq_") && value.equals(s.labels().get(label)))
                .toList();
    }

    String type(String name) {
        return types.get(name);
    }
}
