package fr.portail.messages.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.portail.messages.support.HttpUser;
import fr.portail.messages.support.IntegrationTest;
import fr.portail.messages.support.TestClock;
import fr.portail.messages.support.TestDirectory;
import fr.portail.messages.support.TestDirectory.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Parallel guesses for one account: counted before the password is checked, so none slips past the allowance. */
@IntegrationTest
class ThrottleUnderAttackTest {

    static final int PARALLEL_GUESSES = 60;

    @LocalServerPort
    int port;

    @Autowired
    TestDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordHashing hashing;

    @Autowired
    TestClock clock;

    @AfterEach
    void forgetFailuresOfTheTestAddress() {
        clock.reset();
        jdbc.sql("delete from login_failure where throttle_key like 'address:%'")
                .update();
    }

    @Test
    void sixtyParallelWrongPasswordsGetNoMoreRealChecksThanTheAllowance() throws Exception {
        TestUser user = directory.collaborator();
        List<HttpUser> attackers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < PARALLEL_GUESSES; i++) {
            HttpUser attacker = new HttpUser(port);
            tokens.add(HttpUser.csrfToken(attacker.get("/login")));
            attackers.add(attacker);
        }
        // No time passes during the attack: the allowance is the threshold, not the threshold plus elapsed delays.
        clock.freeze();
        long checksBefore = hashing.checks();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_GUESSES);
        try {
            for (int i = 0; i < PARALLEL_GUESSES; i++) {
                HttpUser attacker = attackers.get(i);
                Map<String, String> guess =
                        Map.of("username", user.email(), "password", "wrong guess " + i, "_csrf", tokens.get(i));
                answers.add(pool.submit(() -> {
                    start.await();
                    return attacker.postForm("/login", guess).location();
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isIn("/login?error", "/login?throttled");
            }
        } finally {
            pool.shutdownNow();
        }
        long realChecks = hashing.checks() - checksBefore;

        System.out.printf("%d parallel wrong passwords: %d real password checks%n", PARALLEL_GUESSES, realChecks);
        assertThat(realChecks).isBetween(1L, (long) LoginThrottle.ACCOUNT_THRESHOLD);
        assertThat(new HttpUser(port).signIn(user.email(), user.password()).location())
                .as("the right password is refused too while the account waits")
                .isEqualTo("/login?throttled");
    }

    @Test
    void successfulSignInGivesItsAddressReservationBack() {
        TestUser user = directory.collaborator();
        jdbc.sql("delete from login_failure where throttle_key like 'address:%'")
                .update();

        for (int i = 0; i < LoginThrottle.ADDRESS_THRESHOLD + 5; i++) {
            new HttpUser(port).signedIn(user.email(), user.password());
        }

        assertThat(jdbc.sql("select coalesce(sum(failures), 0) from login_failure where throttle_key like 'address:%'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
