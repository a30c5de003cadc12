// Suggests, as the person types, the resources and accounts a policy lets them ask for, and turns the
// start time on only when they choose to start later. The form works the same without this script.
(function () {
  'use strict';
  var resource = document.getElementById('resource');
  var account = document.getElementById('account');
  var later = document.getElementById('start-later');
  var startsAt = document.getElementById('startsAt');
  var found = [];
  var timer = null;

  function fill(listId, values) {
    var list = document.getElementById(listId);
    var seen = {};
    list.textContent = '';
    values.forEach(function (value) {
      if (seen[value]) { return; }
      seen[value] = true;
      var option = document.createElement('option');
      option.value = value;
      list.appendChild(option);
    });
  }

  function accountsOf(name) {
    var wanted = name.trim().toLowerCase();
    return found.filter(function (o) { return o.resource === wanted; }).map(function (o) { return o.account; });
  }

  function search() {
    var url = resource.getAttribute('data-options') + '?q=' + encodeURIComponent(resource.value.trim());
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (answer) { return answer.ok ? answer.json() : []; })
      .then(function (options) {
        found = options;
        fill('resource-options', options.map(function (o) { return o.resource; }));
        fill('account-options', accountsOf(resource.value));
      })
      .catch(function () { /* suggestions are a convenience; the form still works */ });
  }

  if (resource && window.fetch) {
    resource.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    resource.addEventListener('change', function () { fill('account-options', accountsOf(resource.value)); });
    account.addEventListener('focus', function () { if (!found.length) { search(); } });
  }

  function syncStart() { startsAt.disabled = !later.checked; }
  if (later && startsAt) {
    document.querySelectorAll('input[name=start]').forEach(function (radio) {
      radio.addEventListener('change', syncStart);
    });
    syncStart();
  }
})();
