package fr.portail.messages.directory;

import java.util.List;

/** A person's administration page: who they are, their companies (clients) and their favourites. */
public record PersonDetail(AdminPerson person, List<CompanyChoice> companies, List<CompanyChoice> favourites) {

    public PersonDetail {
        companies = List.copyOf(companies);
        favourites = List.copyOf(favourites);
    }
}
