package io.nsqj.testsupport.kube;

import java.util.Map;

/**
 * The kubelet's expansion of {@code $(VAR)} in a container's args and env values: a defined variable is replaced,
 * an undefined one is left as written, {@code $$} is a literal {@code $}.
 */
final class VarExpansion {
    private VarExpansion() {
    }

    static String expand(String input, Map<String, String> vars) {
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 == input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = input.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i += 2;
            } else if (n == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(input, i, input.length());
                    break;
                }
                String name = input.substring(i + 2, close);
                String value = vars.get(name);
                out.append(value != null ? value : input.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c).append(n);
                i += 2;
            }
        }
        return out.toString();
    }
}
