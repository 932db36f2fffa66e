import { render } from "preact";
import { send } from "../../src/messaging/send.ts";
import { Panel } from "../../src/panel/Panel.tsx";
import "../../src/panel/panel.css";

render(<Panel loadHealth={() => send("worker.health", {})} />, document.getElementById("app")!);
