// Passkeys: adding one on the profile page, and signing in with one as the second step. The server side is Spring
// Security's WebAuthn support; this file only moves its JSON to and from the browser's credential API, whose binary
// fields travel as base64url text.
(function () {
  'use strict';

  function toBytes(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '==='.slice((base64.length + 3) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
  }

  function toText(buffer) {
    let binary = '';
    new Uint8Array(buffer).forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withIds(descriptors) {
    return (descriptors || []).map((d) => Object.assign({}, d, { id: toBytes(d.id) }));
  }

  async function postJson(url, body) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const header = document.querySelector('meta[name="_csrf_header"]');
    const token = document.querySelector('meta[name="_csrf"]');
    if (header && token) {
      headers[header.content] = token.content;
    }
    const response = await fetch(url, {
      method: 'POST', headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined
    });
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  }

  async function register(label) {
    const options = await postJson('/webauthn/register/options');
    const created = await navigator.credentials.create({
      publicKey: Object.assign({}, options, {
        challenge: toBytes(options.challenge),
        user: Object.assign({}, options.user, { id: toBytes(options.user.id) }),
        excludeCredentials: withIds(options.excludeCredentials)
      })
    });
    const answer = await postJson('/webauthn/register', {
      publicKey: {
        label,
        credential: {
          id: created.id,
          rawId: toText(created.rawId),
          type: created.type,
          response: {
            attestationObject: toText(created.response.attestationObject),
            clientDataJSON: toText(created.response.clientDataJSON),
            transports: created.response.getTransports ? created.response.getTransports() : []
          },
          clientExtensionResults: created.getClientExtensionResults(),
          authenticatorAttachment: created.authenticatorAttachment
        }
      }
    });
    if (!answer || !answer.success) {
      throw new Error('registration refused');
    }
  }

  async function signIn() {
    const options = await postJson('/webauthn/authenticate/options');
    const assertion = await navigator.credentials.get({
      publicKey: Object.assign({}, options, {
        challenge: toBytes(options.challenge),
        allowCredentials: withIds(options.allowCredentials)
      })
    });
    const response = assertion.response;
    const answer = await postJson('/login/webauthn', {
      id: assertion.id,
      rawId: toText(assertion.rawId),
      type: assertion.type,
      response: {
        authenticatorData: toText(response.authenticatorData),
        clientDataJSON: toText(response.clientDataJSON),
        signature: toText(response.signature),
        userHandle: response.userHandle ? toText(response.userHandle) : undefined
      },
      clientExtensionResults: assertion.getClientExtensionResults(),
      authenticatorAttachment: assertion.authenticatorAttachment
    });
    if (!answer || !answer.authenticated) {
      throw new Error('sign-in refused');
    }
    return answer.redirectUrl || '/';
  }

  const form = document.getElementById('passkey-register');
  if (form) {
    const error = document.getElementById('label-error');
    const input = document.getElementById('passkey-label');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      input.classList.remove('is-invalid');
      const label = input.value.trim();
      if (!label) {
        error.textContent = form.dataset.labelRequired;
        input.classList.add('is-invalid');
        input.focus();
        return;
      }
      try {
        await register(label);
        window.location.reload();
      } catch (failure) {
        error.textContent = form.dataset.failed;
      }
    });
  }

  const button = document.getElementById('passkey-sign-in');
  if (button) {
    const error = document.getElementById('passkey-error');
    button.addEventListener('click', async () => {
      error.textContent = '';
      button.disabled = true;
      try {
        window.location.assign(await signIn());
      } catch (failure) {
        error.textContent = button.dataset.failed;
        button.disabled = false;
      }
    });
  }
})();
