package io.countersign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.util.WebUtils;

/**
 * The single sign-ons a browser session has begun and not yet finished, by their {@code state}, each
 * with the page it was begun for (named by the sign-in page's link, see {@link SingleSignOnStart}).
 * Spring Security keeps one per session, so a person who opens two mail links in two tabs would find
 * the first tab's return refused: its sign-in had been replaced by the second's. Each kept sign-in
 * holds its own nonce and PKCE verifier; it is found only by the state it was issued with, in the
 * session it was issued to, and only once. The last {@link #KEPT} are kept, for as long as the session
 * lasts, as the single one was before.
 */
final class PendingSignIns implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final int KEPT = 5;

    private static final String SESSION_ATTRIBUTE = PendingSignIns.class.getName() + ".PENDING";
    private static final String FINISHED_PAGE = PendingSignIns.class.getName() + ".PAGE";

    private final RequestCache pages = new HttpSessionRequestCache();

    /** A sign-in begun: the request sent to the provider, and the local page to go on to after it. */
    private record Begun(OAuth2AuthorizationRequest request, String page) implements Serializable {}

    /**
     * The page the sign-in finished in this request was begun for: the one the person had asked for when
     * they were sent to sign in, read when the sign-in began (the session keeps only the latest such
     * page, which by the return may be another tab's); {@code /} when there was none.
     */
    static String pageOf(HttpServletRequest request) {
        return request.getAttribute(FINISHED_PAGE) instanceof String page ? page : "/";
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        HttpSession session = request.getSession(false);
        if (state == null || session == null) {
            return null;
        }
        synchronized (WebUtils.getSessionMutex(session)) {
            Begun begun = pending(session).get(state);
            return begun == null ? null : begun.request();
        }
    }

    @Override
    public void saveAuthorizationRequest(
            OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request, HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        Begun begun = new Begun(authorizationRequest, pageFor(request, response));
        HttpSession session = request.getSession();
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, Begun> kept = new LinkedHashMap<>(pending(session));
            kept.remove(authorizationRequest.getState());
            kept.put(authorizationRequest.getState(), begun);
            Iterator<String> oldestFirst = kept.keySet().iterator();
            while (kept.size() > KEPT) {
                oldestFirst.next();
                oldestFirst.remove();
            }
            session.setAttribute(SESSION_ATTRIBUTE, kept);
        }
    }

    /**
     * The page named by the sign-in page's link, which knows the page it was shown for; else the page the
     * session last sent to sign in, which may be another tab's when several sign-in pages are open.
     */
    private String pageFor(HttpServletRequest request, HttpServletResponse response) {
        String named = SingleSignOnStart.pageOf(request);
        if (named != null) {
            return named;
        }
        SavedRequest asked = pages.getRequest(request, response);
        return asked == null ? "/" : LocalContinuation.localPath(asked.getRedirectUrl());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(
            HttpServletRequest request, HttpServletResponse response) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        HttpSession session = request.getSession(false);
        if (state == null || session == null) {
            return null;
        }
        Begun finished;
        synchronized (WebUtils.getSessionMutex(session)) {
            Map<String, Begun> kept = new LinkedHashMap<>(pending(session));
            finished = kept.remove(state);
            if (finished == null) {
                return null;
            }
            if (kept.isEmpty()) {
                session.removeAttribute(SESSION_ATTRIBUTE);
            } else {
                session.setAttribute(SESSION_ATTRIBUTE, kept);
            }
        }
        request.setAttribute(FINISHED_PAGE, finished.page());
        return finished.request();
    }

    /** Never changed in place: a new map replaces it, so that a session store sees every change. */
    @SuppressWarnings("unchecked")
    private static Map<String, Begun> pending(HttpSession session) {
        return session.getAttribute(SESSION_ATTRIBUTE) instanceof Map<?, ?> kept
                ? (Map<String, Begun>) kept
                : Collections.emptyMap();
    }
}
