package fr.portail.messages.security;

import fr.portail.messages.directory.DirectoryService;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains: the JSON API under {@code /api/**} (session or personal access token, problem details on
 * failures) and the pages (form login, then the second step: an e-mail code or a passkey). Both resolve the acting
 * person from the database on every request.
 *
 * <p>Multi-factor authentication is Spring Security's: each step adds its factor authority to the same session
 * ({@code FACTOR_PASSWORD}, {@code FACTOR_OTT}, {@code FACTOR_WEBAUTHN}), and {@link SecondStep} decides which the
 * person needs. No required authority is declared here: who needs a second factor is the firm's rule, read per request.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMultiFactorAuthentication(authorities = {})
class SecurityConfiguration {

    /** No inline script, no foreign origin, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * HSTS for a year. Spring Security writes it on secure requests only: a request that reached the application
     * over https, or that a trusted proxy forwarded as https ({@code X-Forwarded-Proto}).
     */
    static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

    private static final String[] PUBLIC_PATHS = {
        "/login",
        "/invitations/**",
        "/mot-de-passe/oublie",
        "/mot-de-passe/nouveau/**",
        "/langue",
        "/language",
        "/webjars/**",
        "/css/**",
        "/js/**",
        "/vendor/**",
        "/favicon.ico",
        "/favicon.svg",
        "/cabinet/logo.png",
        "/cabinet/theme.css",
        "/error",
        "/unsubscribe/**"
    };

    /**
     * A request the firewall refuses (a NUL, an encoded slash, a {@code ..} in its path) is sent to the error
     * controller as a 400, which answers a problem under {@code /api/} and the error page elsewhere.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(HttpServletResponse.SC_BAD_REQUEST);
    }

    /** Argon2id for new hashes; the prefix of each stored hash says how to check it, so the default can evolve. */
    @Bean
    PasswordHashing passwordEncoder(
            @Value("${messages.security.concurrent-password-checks:0}") int concurrentPasswordChecks) {
        String current = "argon2@SpringSecurity_v5_8";
        Map<String, PasswordEncoder> encoders = Map.of(
                current,
                Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt",
                new BCryptPasswordEncoder(),
                "pbkdf2@SpringSecurity_v5_8",
                Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        int permits = concurrentPasswordChecks > 0
                ? concurrentPasswordChecks
                : Math.max(2, Runtime.getRuntime().availableProcessors());
        return new PasswordHashing(new DelegatingPasswordEncoder(current, encoders), permits);
    }

    /** Spring Session's JDBC repository, written to only when a session really changes. */
    @Bean
    static BeanPostProcessor quietSessionRepository() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository sessions
                        ? QuietSessionRepository.over(sessions)
                        : bean;
            }
        };
    }

    @Bean
    ActivityTracker activityTracker(@Value("${spring.session.timeout:30m}") Duration idleTimeout, Clock clock) {
        return new ActivityTracker(idleTimeout, clock);
    }

    @Bean
    CurrentViewerFilter currentViewerFilter(
            DirectoryService directory,
            @Value("${messages.session.absolute-timeout:12h}") Duration absoluteTimeout,
            Clock clock,
            ActivityTracker activity) {
        return new CurrentViewerFilter(directory, absoluteTimeout, clock, activity);
    }

    /** The filters are added to the security chains only, not to the servlet container as well. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<CurrentViewerFilter> currentViewerFilterRegistration(
            CurrentViewerFilter filter) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<AccessTokenFilter> accessTokenFilterRegistration(
            AccessTokenFilter filter) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            CurrentViewerFilter viewerFilter,
            AccessTokenFilter accessTokenFilter,
            MessageSource messages,
            LocaleResolver locales,
            JsonMapper json,
            SecondStep secondStep)
            throws Exception {
        var problems = new ProblemResponses(messages, locales, json);
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/api/v1/admin/**")
                        .access(RequestRules.administratorsWithScope(secondStep))
                        .anyRequest()
                        .access(RequestRules.signedInWithScope(secondStep)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(AccessTokenFilter::hasBearerToken))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .addFilterBefore(
                        new AnonymousMultipartFilter(problems::unauthorized, request -> false), CsrfFilter.class)
                .addFilterBefore(accessTokenFilter, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(viewerFilter, AuthorizationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(
                        csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(
            HttpSecurity http,
            CurrentViewerFilter viewerFilter,
            LoginThrottle throttle,
            PasswordHashing hashing,
            SecondStep secondStep,
            SignInCodes codes,
            SignInCodeRequests codeRequests,
            WebAuthnRelyingPartyOperations relyingParty,
            UserDetailsService people)
            throws Exception {
        http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .requestMatchers(SecondStepController.PATH, SignInCodeRequests.SEND_PATH)
                        .access(RequestRules.afterPassword())
                        .requestMatchers("/admin/**")
                        .access(RequestRules.administrators(secondStep))
                        .anyRequest()
                        .access(RequestRules.signedIn(secondStep)))
                .formLogin(form -> form.loginPage("/login")
                        .failureUrl("/login?error")
                        .defaultSuccessUrl("/", false)
                        .permitAll())
                // The e-mail code: Spring Security's one-time-token login, bound to the person of the password step.
                .oneTimeTokenLogin(code -> code.tokenService(codes)
                        .tokenGeneratingUrl(SignInCodeRequests.SEND_PATH)
                        .generateRequestResolver(codeRequests)
                        .tokenGenerationSuccessHandler(codeRequests)
                        .loginProcessingUrl(SignInCodeRequests.CHECK_PATH)
                        .authenticationConverter(codeRequests)
                        .loginPage(SecondStepController.PATH)
                        .failureUrl(SecondStepController.PATH + "?erreur")
                        .showDefaultSubmitPage(false))
                .webAuthn(passkey -> passkey.disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationManager(
                                        new ProviderManager(new PasskeyAuthenticationProvider(relyingParty, people)));
                                return filter;
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // RFC 8058: the mail provider POSTs the one-click mute without a session; its signed token is the
                // proof.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/unsubscribe/**"))
                .requestCache(cache -> cache.requestCache(landingPageAfterSignIn()))
                // RFC 8058 lets the one-click mute arrive as multipart, without a session.
                .addFilterBefore(
                        new AnonymousMultipartFilter(
                                new LoginUrlAuthenticationEntryPoint("/login"),
                                PathPatternRequestMatcher.withDefaults().matcher("/unsubscribe/**")),
                        CsrfFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle, hashing), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(viewerFilter, AuthorizationFilter.class)
                .headers(headers -> headers.httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(ONE_YEAR_SECONDS))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.build();
    }

    /**
     * Remembers the page an anonymous visitor asked for (a link from an e-mail) and sends them back to it, with its
     * own URL (no "?continue" marker) once signed in.
     */
    private static HttpSessionRequestCache landingPageAfterSignIn() {
        var cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        // A page's event stream reconnecting after its session ended is no page to land on after signing in, and
        // neither is a form's POST (a token created after the second step would be a GET of the form's address).
        cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
                && !request.getRequestURI().equals(request.getContextPath() + "/events"));
        return cache;
    }
}
