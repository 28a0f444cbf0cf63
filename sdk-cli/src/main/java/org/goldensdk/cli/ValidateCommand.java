package org.goldensdk.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.goldensdk.core.CitizenId;
import org.goldensdk.core.CreditCode;
import org.goldensdk.core.PartyId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code golden validate citizen-id|credit-code|party VALUE}: checks an identifier by its official rule. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an identifier by its official rule; exit 1 with the reason if it is invalid.",
        subcommands = {ValidateCommand.CitizenIdCommand.class, ValidateCommand.CreditCodeCommand.class,
                ValidateCommand.PartyCommand.class})
final class ValidateCommand {

    @Command(name = "citizen-id", mixinStandardHelpOptions = true,
            description = "A citizen ID (GB 11643, MOD 11-2; also the 15-digit form, the foreigners' permanent-residence ID"
                    + " and the Hong Kong / Macau / Taiwan residence permits). Printed masked.")
    static final class CitizenIdCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "e.g. 11010519491231002X")
        String value;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CitizenId id = CitizenId.parse(value);
            PrintWriter out = spec.commandLine().getOut();
            out.println("valid citizen ID " + id + " (" + id.kind() + ")");
            out.println("  born " + id.birthDate() + ", division " + id.division());
            return ExitCodes.OK;
        }
    }

    @Command(name = "credit-code", mixinStandardHelpOptions = true,
            description = "A unified social credit code (GB 32100), check character included.")
    static final class CreditCodeCommand implements Callable<Integer> {
        @Parameters(paramLabel = "CODE", description = "e.g. 91420100MA4K00002Y")
        String value;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CreditCode code = CreditCode.parse(value);
            PrintWriter out = spec.commandLine().getOut();
            out.println("valid credit code " + code);
            out.println("  registration authority " + code.registrationAuthorityCode() + ", organisation type "
                    + code.organizationTypeCode() + (code.isGovernmentOrgan() ? " (government organ)" : "")
                    + ", division " + code.division() + ", organisation code " + code.organizationCodePart());
            return ExitCodes.OK;
        }
    }

    @Command(name = "party", mixinStandardHelpOptions = true,
            description = "A party on the exchange platform: CN/{division}/{creditCode}/{system}.")
    static final class PartyCommand implements Callable<Integer> {
        @Parameters(paramLabel = "PARTY", description = "e.g. CN/420100/11420100MB00000196/invoice")
        String value;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PartyId party = PartyId.parse(value);
            PrintWriter out = spec.commandLine().getOut();
            out.println("valid party " + party);
            out.println("  division " + party.division() + ", credit code " + party.creditCode() + ", system " + party.system());
            return ExitCodes.OK;
        }
    }
}
