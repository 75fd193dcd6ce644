package io.nsqj.operator.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kubectl client on PATH, for what needs no cluster: rendering kustomizations. */
final class Kubectl {
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)");

    private Kubectl() {
    }

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        try {
            Path err = Files.createTempFile("kubectl", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            return new Result(process.exitValue(), out, stderr);
        } catch (IOException e) {
            throw new AssertionError("kubectl could not be run (" + e.getMessage() + "); bash .ci/run installs it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Why this kubectl cannot render deploy/, or null if it can. deploy/ lists ../crds, a directory, which
     * kustomize reads from v4 on (kubectl 1.21+); Debian's own kubectl, 1.20, embeds kustomize v2.
     */
    static String whyKustomizeCannotRenderDeploy() {
        Result version = run("version", "--client");
        Matcher m = KUSTOMIZE_VERSION.matcher(version.out());
        if (m.find() && Integer.parseInt(m.group(1)) >= 4) {
            return null;
        }
        return "kubectl's kustomize is older than v4 (" + version.out().strip() + "): deploy/ needs kubectl 1.21 or later";
    }

    /** kubectl kustomize's output for {@code dir}; fails with what kubectl said when it exits non-zero. */
    static String kustomize(Path dir) {
        Result result = run("kustomize", dir.toString());
        if (result.exit() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " exited " + result.exit() + ": " + result.err());
        }
        return result.out();
    }
}
