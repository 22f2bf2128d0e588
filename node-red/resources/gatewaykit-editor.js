// Editor code shared by the nodes of @gatewaykit/node-red-sms. Node-RED serves a module's resources/ folder at
// resources/<module>/ ("Loading extra resources in the editor"), and each node's .html loads this file with
// <script src="resources/@gatewaykit/node-red-sms/gatewaykit-editor.js"> before its own inline script, which
// the editor runs only once this file has loaded. Every .html of the module includes it, so the editor may
// evaluate it several times: the namespace is defined once and kept.
window.GatewaykitSmsEditor = window.GatewaykitSmsEditor || (function () {
    // Node-RED gives a node its defaults only when it comes from the palette (or the quick-add dialog). A node
    // imported from flow JSON (Import, Examples) or loaded with the flows, whose JSON lacks some properties
    // (written by hand, by another tool or by an older version of this package), keeps them undefined: it is
    // flagged as not configured and its dialog opens with blank selects and empty red fields. Every node of
    // the given type the editor adds gets the missing defaults here, before the editor validates it. Config
    // node references stay Node-RED's to pick.
    // `legacy` names properties added in a later version whose default for new nodes differs from what a node
    // saved before they existed did: e.g. { api: 'http' } for the clickatell node, whose new nodes start on
    // the One API while a saved node without `api` has always meant the HTTP API. Such a node gets the legacy
    // value, so opening and redeploying an old flow never moves it to another API (the runtime reads a missing
    // property the same way).
    function fillMissingDefaults(type, legacy) {
        RED.events.on('nodes:add', function (node) {
            if (node.type !== type || !node._def) { return; }
            $.each(node._def.defaults, function (name, def) {
                if (node[name] !== undefined || def.type) { return; }
                var value = legacy && Object.prototype.hasOwnProperty.call(legacy, name) ? legacy[name] : def.value;
                node[name] = JSON.parse(JSON.stringify(value));
            });
        });
    }

    // A Base URL written as ${NAME} (the examples use ${SMS_SANDBOX_URL}) is an environment variable the
    // runtime resolves at deploy, from the node's flow first and then the global environment (User
    // Settings). Test connection resolves it the same way, so it checks the address a deploy would use.
    function resolveBaseUrl(node, value) {
        var name = (/^\$\{(\S+)\}$/.exec(value) || [])[1];
        if (!name) { return value; }
        var scopes = [RED.nodes.workspace(node.z)];
        RED.nodes.eachConfig(function (config) { if (config.type === 'global-config') { scopes.push(config); } });
        for (var i = 0; i < scopes.length; i++) {
            var found = ((scopes[i] && scopes[i].env) || []).filter(function (v) { return v.name === name && v.type === 'str'; })[0];
            if (found) { return found.value; }
        }
        return value;
    }

    // A config node's Test connection button: POSTs the dialog's current (unsaved) values, read from
    // #node-config-input-<field> in the order given (baseUrl resolved as a deploy would), to the runtime's
    // <type>/<id>/test route, and shows its report (or the HTTP status) beside the button.
    function bindTestConnection(options) {
        var node = options.node;
        var type = options.type;
        $(options.button).on('click', function (event) {
            event.preventDefault();
            var result = $(options.result).text(node._(type + '.test.running'));
            var body = {};
            options.fields.forEach(function (field) {
                var value = $('#node-config-input-' + field).val();
                body[field] = field === 'baseUrl' ? resolveBaseUrl(node, value) : value;
            });
            $.ajax({
                url: type + '/' + encodeURIComponent(node.id) + '/test',
                type: 'POST',
                contentType: 'application/json',
                data: JSON.stringify(body)
            }).done(function (report) {
                result.text((report.ok ? '✓ ' : '✗ ') + report.message);
            }).fail(function (xhr) {
                result.text('✗ ' + node._(type + '.test.failed', { status: xhr.status }));
            });
        });
    }

    // A callback (in) node's dialog: the address to give the provider (this editor's origin, httpNodeRoot and
    // the node's path, with the token parameter when the node checks one) and the rows its auth mode uses.
    // `prefix` names the node's i18n namespace and its element ids and classes (e.g. 'clickatell-in').
    function bindCallbackUrl(node, prefix) {
        function showUrl() {
            var root = (RED.settings.httpNodeRoot || '/').replace(/\/+$/, '');
            var path = ($('#node-input-url').val() || '').trim();
            if (path && path.charAt(0) !== '/') { path = '/' + path; }
            var auth = $('#node-input-auth').val();
            var url = window.location.protocol + '//' + window.location.host + root + path;
            if (auth === 'token') {
                url += '?' + encodeURIComponent($('#node-input-tokenParam').val() || 'token') + '=' + node._(prefix + '.label.yourSecret');
            }
            $('#' + prefix + '-full-url').text(path ? url : node._(prefix + '.tip.noPath'));
            $('.' + prefix + '-row-token').toggle(auth === 'token');
            $('.' + prefix + '-row-user').toggle(auth === 'basic');
            $('.' + prefix + '-row-secret').toggle(auth !== 'none');
        }
        $('#node-input-url, #node-input-tokenParam').on('input change', showUrl);
        $('#node-input-auth').on('change', showUrl);
        showUrl();
    }

    return {
        fillMissingDefaults: fillMissingDefaults,
        resolveBaseUrl: resolveBaseUrl,
        bindTestConnection: bindTestConnection,
        bindCallbackUrl: bindCallbackUrl
    };
})();
