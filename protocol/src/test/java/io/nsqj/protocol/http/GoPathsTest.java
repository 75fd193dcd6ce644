package io.nsqj.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoPathsTest {
    @Test
    void cleanResolvesDotsAndSlashesAsHttprouter() {
        String[][] cases = {
                {"", "/"}, {"/", "/"}, {"x/y", "/x/y"}, {"//x///y", "/x/y"},
                {"/x/./y", "/x/y"}, {"/x/y/../z", "/x/z"}, {"/../../x", "/x"}, {"/x/y/../..", "/"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], GoPaths.clean(c[0]), c[0]);
        }
    }

    @Test
    void cleanKeepsATrailingSlashOrALastDotButNotALastDotDot() {
        assertEquals("/x/", GoPaths.clean("/x//"));
        assertEquals("/x/", GoPaths.clean("/x/."));
        assertEquals("/x", GoPaths.clean("/x/y/.."));
        assertEquals("/x/", GoPaths.clean("/x/y/../"));
        assertEquals("/", GoPaths.clean("/."));
        assertEquals("/", GoPaths.clean("./"));
    }

    @Test
    void escapeKeepsWhatAPathMayHoldAndEncodesTheRest() {
        assertEquals("/a-b_c.~$&+,/:;=@", GoPaths.escape("/a-b_c.~$&+,/:;=@"));
        assertEquals("/a%20b%3F%C3%A9", GoPaths.escape("/a b?é"));
    }

    @Test
    void redirectHelpersEscapeAsNetHttp() {
        assertEquals("&lt;a href=&#34;x&#34;&gt; &amp; &#39;", GoPaths.htmlEscape("<a href=\"x\"> & '"));
        assertEquals("/%C3%A9?q=%", GoPaths.hexEscapeNonAscii("/é?q=%"));
    }
}
