package io.connectops.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UserInfoTest {
    @Test
    void aTokenInARepositoryUrlIsTakenOutOfTheUrl() {
        UserInfo split = UserInfo.split("http://deploy:glpat-abc%2Fdef@git.example:8443/team/connect.git");
        assertEquals("http://git.example:8443/team/connect.git", split.url());
        assertEquals("deploy", split.user());
        assertEquals("glpat-abc/def", split.password());
        assertFalse(split.toString().contains("glpat"), split.toString());
    }

    @Test
    void whatIsNotAUrlWithUserInfoIsLeftAsItIs() {
        for (String text : new String[] {"https://github.com/acme/connect.git", "git@github.com:acme/connect.git", "/srv/repos/connect"}) {
            UserInfo split = UserInfo.split(text);
            assertEquals(text, split.url());
            assertNull(split.password());
        }
    }
}
