/**
 * The parts of @digdir/designsystemet-web (global custom elements and polyfills) that the
 * Designsystemet components Knutepunkt uses need. vite.config.ts points the package's bare import
 * here in the browser build, so pages do not carry tabs, pagination, suggestion/combobox,
 * breadcrumbs, toggle-group, popover and tooltip support (with floating-ui) that no page uses. Before using another Designsystemet component, add the module it needs here;
 * tests/integration/designsystemet-web.test.ts checks this against the components imported in app/.
 */
import "@digdir/designsystemet-web/clickdelegatefor";
import "@digdir/designsystemet-web/details";
import "@digdir/designsystemet-web/dialog";
import "@digdir/designsystemet-web/fieldset";
import "@digdir/designsystemet-web/invokers";
import "@digdir/designsystemet-web/readonly";
import "@digdir/designsystemet-web/ds-error-summary";
import "@digdir/designsystemet-web/ds-field";

// designsystemet-react's usePagination imports this from the package root (the app does not use
// pagination; Rollup still needs the binding).
export { pagination } from "@digdir/designsystemet-web/ds-pagination";
